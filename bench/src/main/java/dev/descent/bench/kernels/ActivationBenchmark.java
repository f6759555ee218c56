package dev.descent.bench.kernels;

import dev.descent.spi.Backend;
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
 * Transcendental kernels over n = 1M elements (inputs uniform in [-8, 8]); softmax runs over a [1024, 1024] view
 * along the last axis.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ActivationBenchmark {
    @Param({"scalar", "vector"})
    public String backend;

    @Param({"1048576"})
    public int n;

    private Backend b;
    private Storage x;
    private Storage out;

    @Setup
    public void setUp() {
        b = BackendState.backend(backend);
        x = BackendState.random(b, n, 1, 8f);
        out = b.allocate(n);
    }

    @Benchmark
    public Storage exp() {
        b.unary(UnaryOp.EXP, x, out, n, 0f, 0f);
        return out;
    }

    @Benchmark
    public Storage tanh() {
        b.unary(UnaryOp.TANH, x, out, n, 0f, 0f);
        return out;
    }

    @Benchmark
    public Storage sigmoid() {
        b.unary(UnaryOp.SIGMOID, x, out, n, 0f, 0f);
        return out;
    }

    @Benchmark
    public Storage softmax() {
        b.softmax(x, 1024, n / 1024, 1, out, false);
        return out;
    }
}
