package dev.descent.bench.kernels;

import dev.descent.spi.Backend;
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
 * SGEMM {@code C = A·B} on square n x n matrices in the four transpose variants (NN: neither, TN: A stored
 * transposed, ...), through the backend SPI. GFLOP/s = 2·n³ / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
    @Param({"scalar", "vector"})
    public String backend;

    @Param({"256", "512", "1024", "2048"})
    public int n;

    @Param({"NN", "NT", "TN", "TT"})
    public String variant;

    private Backend b;
    private Storage a;
    private Storage bm;
    private Storage c;
    private boolean transA;
    private boolean transB;

    @Setup
    public void setUp() {
        b = BackendState.backend(backend);
        a = BackendState.random(b, n * n, 1, 1f);
        bm = BackendState.random(b, n * n, 2, 1f);
        c = b.allocate(n * n);
        transA = variant.charAt(0) == 'T';
        transB = variant.charAt(1) == 'T';
    }

    @Benchmark
    public Storage gemm() {
        b.gemm(transA, transB, n, n, n, 1f, a, 0, n, bm, 0, n, 0f, c, 0, n);
        return c;
    }
}
