package dev.descent.bench.train;

import dev.descent.Backends;
import dev.descent.data.Dataset;
import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The linear and logistic regression steps of {@link TrainingBenchmark} written as bare backend kernel calls on
 * preallocated storages, with no tensors, autograd graph or optimizer bookkeeping: per batch of B rows,
 * {@code z = X·w} (GEMM), {@code z += b}, for logistic {@code z = sigmoid(z)}, {@code e = z - y},
 * {@code e *= 2/B} (MSE) or {@code 1/B} (BCE), {@code gw = eᵀ·X} (GEMM), {@code gb = sum(e)}, and the two SGD
 * updates as axpy, each GEMM in the form a plan of {@code Linear} issues ({@code X·wᵀ} with the weight stored as a
 * row, {@code eᵀ·X}). This is the kernel time a step cannot avoid on that backend; {@link TrainingBenchmark}'s
 * time per step minus this one is the per-step overhead of autograd and the optimizer (the report shows it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class LinearModelKernelsBenchmark {
    private static final float LR = 0.01f;

    @Param({"scalar", "vector"})
    public String backend;

    @Param({"linreg", "logreg"})
    public String task;

    /** Mini-batches per benchmark operation; 0 = one epoch. */
    @Param({"0"})
    public int steps;

    private Backend b;
    private Storage x;
    private Storage y;
    private Storage w;
    private Storage bias;
    private Storage z;
    private Storage gw;
    private Storage gb;
    private Storage yBatch;
    private int rows;
    private int stepsPerOp;
    private int nextRow;
    private boolean logistic;
    private final int[] one = {1};
    private final int[] zero = {0};
    private final int[] batchLength = {TrainingData.LINEAR_BATCH};

    /** Samples trained on, reported by JMH as samples per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Samples {
        public long samples;
    }

    @Setup(Level.Trial)
    public void setUp() {
        b = Backends.get(backend);
        logistic = task.equals("logreg");
        if (!logistic && !task.equals("linreg")) {
            throw new IllegalArgumentException("task must be linreg or logreg, got " + task);
        }
        Dataset data = TrainingData.linear(logistic, 1234);
        rows = data.rows();
        x = b.upload(data.features(), 0, rows * TrainingData.LINEAR_FEATURES);
        y = b.upload(data.targets(), 0, rows);
        w = b.allocate(TrainingData.LINEAR_FEATURES);
        bias = b.allocate(1);
        z = b.allocate(TrainingData.LINEAR_BATCH);
        gw = b.allocate(TrainingData.LINEAR_FEATURES);
        gb = b.allocate(1);
        yBatch = b.allocate(TrainingData.LINEAR_BATCH);
        int batches = (rows + TrainingData.LINEAR_BATCH - 1) / TrainingData.LINEAR_BATCH;
        stepsPerOp = steps == 0 ? batches : steps;
    }

    @Benchmark
    public Storage step(Samples counter) {
        int d = TrainingData.LINEAR_FEATURES;
        for (int s = 0; s < stepsPerOp; s++) {
            if (nextRow >= rows) {
                nextRow = 0;
            }
            int start = nextRow;
            int n = Math.min(TrainingData.LINEAR_BATCH, rows - start);
            int[] length = n == batchLength[0] ? batchLength : new int[] {n};
            // w is stored as the row [1, d], as Linear stores its weight: z = X·wᵀ, the form the plan issues
            b.gemm(false, true, n, 1, d, 1f, x, start * d, d, w, 0, d, 0f, z, 0, 1);
            b.binary(BinaryOp.ADD, z, one, bias, zero, z, length);
            if (logistic) {
                b.unary(UnaryOp.SIGMOID, z, z, n, 0f, 0f);
            }
            // e = z - y: the batch's targets are a range of y, copied to a batch buffer (binary has no offsets)
            b.copyStrided(y, start, one, yBatch, 0, one, length);
            b.axpy(-1f, yBatch, z, n);
            b.unary(UnaryOp.MULTIPLY, z, z, n, logistic ? 1f / n : 2f / n, 0f);
            b.gemm(true, false, 1, d, n, 1f, z, 0, 1, x, start * d, d, 0f, gw, 0, d);
            b.reduce(ReduceOp.SUM, z, 1, n, 1, gb);
            b.axpy(-LR, gw, w, d);
            b.axpy(-LR, gb, bias, 1);
            nextRow = start + n;
            counter.samples += n;
        }
        return w;
    }
}
