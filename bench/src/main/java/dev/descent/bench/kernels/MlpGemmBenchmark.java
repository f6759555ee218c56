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
 * SGEMM at the shape of the 784-256-10 MLP's first layer with batch 128 ({@code m = 128, k = 784, n = 256}), in
 * the transposes its forward and backward passes use (NN, NT: B stored [n, k], TN: A stored [k, m]), through the
 * backend SPI. GFLOP/s = 2·m·n·k / time (51.4 MFLOP per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MlpGemmBenchmark {
    /** Rows of C: the batch. */
    public static final int M = 128;
    /** Depth: the input features. */
    public static final int K = 784;
    /** Columns of C: the hidden units. */
    public static final int N = 256;

    /** The backend's provider name. */
    @Param({"scalar", "vector"})
    public String backend;

    /** Which operands are stored transposed: NN, NT or TN. */
    @Param({"NN", "NT", "TN"})
    public String variant;

    private Backend b;
    private Storage a;
    private Storage bm;
    private Storage c;
    private boolean transA;
    private boolean transB;

    /** Allocates the operands. */
    @Setup
    public void setUp() {
        b = BackendState.backend(backend);
        a = BackendState.random(b, M * K, 1, 1f);
        bm = BackendState.random(b, K * N, 2, 1f);
        c = b.allocate(M * N);
        transA = variant.charAt(0) == 'T';
        transB = variant.charAt(1) == 'T';
    }

    /** One product {@code C = op(A)·op(B)}. */
    @Benchmark
    public Storage gemm() {
        b.gemm(transA, transB, M, N, K, 1f, a, 0, transA ? M : K, bm, 0, transB ? K : N, 0f, c, 0, N);
        return c;
    }
}
