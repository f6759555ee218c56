package dev.descent.bench.kernels;

import dev.descent.spi.Backend;
import dev.descent.spi.Storage;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
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
 * Memory-bound level-1 kernels: dot (as core issues it, a 1 x n by n x 1 GEMM; {@code tensorDot} is the same
 * through {@code Tensor.dot}) and axpy. Bytes moved: dot reads
 * 8n, axpy reads 8n and writes 4n (GB/s = bytes / time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class Blas1Benchmark {
    @Param({"scalar", "vector"})
    public String backend;

    @Param({"4096", "16777216"})
    public int n;

    private Backend b;
    private Storage x;
    private Storage y;
    private Storage out;
    private Tensor xt;
    private Tensor yt;

    @Setup
    public void setUp() {
        b = BackendState.backend(backend);
        x = BackendState.random(b, n, 1, 1f);
        y = BackendState.random(b, n, 2, 1f);
        out = b.allocate(1);
        xt = Tensor.wrap(b, x, Shape.of(n));
        yt = Tensor.wrap(b, y, Shape.of(n));
    }

    @Benchmark
    public Storage dot() {
        b.gemm(false, false, 1, 1, n, 1f, x, 0, n, y, 0, 1, 0f, out, 0, 1);
        return out;
    }

    /** The same dot through {@code Tensor.dot}: adds the rank-0 result tensor and the API checks. */
    @Benchmark
    public Tensor tensorDot() {
        return xt.dot(yt);
    }

    @Benchmark
    public Storage axpy() {
        // y grows by at most 1e-3 per call: it stays finite over any run
        b.axpy(1e-3f, x, y, n);
        return y;
    }
}
