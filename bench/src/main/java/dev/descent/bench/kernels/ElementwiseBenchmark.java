package dev.descent.bench.kernels;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Memory-bound elementwise kernels over n elements: {@code add} and {@code mul} of two same-shape operands
 * (reads 8n bytes, writes 4n), {@code addRowBroadcast} (an [n/64, 64] matrix plus a 64-vector: the bias add of
 * a layer; 8n bytes) and {@code relu} (8n bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ElementwiseBenchmark {
    private static final int ROW = 64;

    @Param({"scalar", "vector"})
    public String backend;

    @Param({"65536", "4194304"})
    public int n;

    private Backend b;
    private Storage x;
    private Storage y;
    private Storage bias;
    private Storage out;
    private int[] same;
    private int[] shape2;
    private int[] rowStrides;
    private int[] biasStrides;

    @Setup
    public void setUp() {
        b = BackendState.backend(backend);
        x = BackendState.random(b, n, 1, 1f);
        y = BackendState.random(b, n, 2, 1f);
        bias = BackendState.random(b, ROW, 3, 1f);
        out = b.allocate(n);
        same = new int[] {n};
        shape2 = new int[] {n / ROW, ROW};
        rowStrides = new int[] {ROW, 1};
        biasStrides = new int[] {0, 1};
    }

    @Benchmark
    public Storage add() {
        b.binary(BinaryOp.ADD, x, new int[] {1}, y, new int[] {1}, out, same);
        return out;
    }

    @Benchmark
    public Storage mul() {
        b.binary(BinaryOp.MUL, x, new int[] {1}, y, new int[] {1}, out, same);
        return out;
    }

    @Benchmark
    public Storage addRowBroadcast() {
        b.binary(BinaryOp.ADD, x, rowStrides, bias, biasStrides, out, shape2);
        return out;
    }

    @Benchmark
    public Storage relu() {
        b.unary(UnaryOp.RELU, x, out, n, 0f, 0f);
        return out;
    }
}
