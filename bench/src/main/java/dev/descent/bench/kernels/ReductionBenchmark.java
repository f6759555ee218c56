package dev.descent.bench.kernels;

import dev.descent.spi.Backend;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
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
 * Sum and max of an n x n matrix along each axis ({@code axis0}: down the columns, one result per column, the
 * reduction a bias gradient runs; {@code axis1}: along each row) and over all elements. Each reads 4n² bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ReductionBenchmark {
    @Param({"scalar", "vector"})
    public String backend;

    @Param({"256", "2048"})
    public int n;

    private Backend b;
    private Storage x;
    private Storage out;

    @Setup
    public void setUp() {
        b = BackendState.backend(backend);
        x = BackendState.random(b, n * n, 1, 1f);
        out = b.allocate(n);
    }

    @Benchmark
    public Storage sumAxis0() {
        b.reduce(ReduceOp.SUM, x, 1, n, n, out);
        return out;
    }

    @Benchmark
    public Storage sumAxis1() {
        b.reduce(ReduceOp.SUM, x, n, n, 1, out);
        return out;
    }

    @Benchmark
    public Storage sumAll() {
        b.reduce(ReduceOp.SUM, x, 1, n * n, 1, out);
        return out;
    }

    @Benchmark
    public Storage maxAxis0() {
        b.reduce(ReduceOp.MAX, x, 1, n, n, out);
        return out;
    }

    @Benchmark
    public Storage maxAxis1() {
        b.reduce(ReduceOp.MAX, x, n, n, 1, out);
        return out;
    }
}
