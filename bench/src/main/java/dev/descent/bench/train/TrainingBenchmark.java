package dev.descent.bench.train;

import dev.descent.Backends;
import dev.descent.data.Batch;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.nn.Linear;
import dev.descent.nn.Losses;
import dev.descent.nn.Module;
import dev.descent.nn.ReLU;
import dev.descent.nn.Sequential;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
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

import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Training throughput through descent's public API, the loop a user writes (and PyTorch's eager loop in
 * {@code shared/peers/py/train.py}): for each contiguous mini-batch of {@link DataLoader#sequential},
 * {@code zeroGrad}, forward, loss, {@code backward}, optimizer step. No value is read back to the host.
 * <ul>
 *   <li>{@code linreg}: {@code Linear(64, 1)}, {@link Losses#mse}, SGD lr 0.01, batch 256, 1,000,000 rows;</li>
 *   <li>{@code logreg}: the same model, {@link Losses#bceWithLogits} on 0/1 targets;</li>
 *   <li>{@code mlp}: {@code Linear(784, 256)-ReLU-Linear(256, 10)}, {@link Losses#crossEntropy}, Adam lr 1e-3,
 *       batch 128, 60,000 rows.</li>
 * </ul>
 * One operation runs {@code steps} mini-batches, continuing where the previous operation stopped and wrapping
 * into the next epoch; {@code steps = 0} means one whole epoch. The {@code samples} secondary result is the
 * training throughput in samples per second, the figure the peers report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class TrainingBenchmark {
    @Param({"scalar", "vector"})
    public String backend;

    @Param({"linreg", "logreg", "mlp"})
    public String task;

    /** Mini-batches per benchmark operation; 0 = one epoch. */
    @Param({"0"})
    public int steps;

    private Module model;
    private Optimizer optimizer;
    private DataLoader loader;
    private int[][] batchLabels;
    private Iterator<Batch> batches;
    private int batchIndex;
    private int epoch;
    private int stepsPerOp;

    /** Samples trained on, reported by JMH as samples per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Samples {
        public long samples;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Backend b = Backends.get(backend);
        SeededRandom random = new SeededRandom(0);
        Dataset data;
        switch (task) {
            case "linreg", "logreg" -> {
                data = TrainingData.linear(task.equals("logreg"), 1234);
                loader = DataLoader.sequential(data, b, TrainingData.LINEAR_BATCH);
                model = new Linear(TrainingData.LINEAR_FEATURES, 1, true, b, random);
                optimizer = Optimizer.of(Sgd.of(0.01), model.parameters());
            }
            case "mlp" -> {
                data = TrainingData.mlp(1234);
                loader = DataLoader.sequential(data, b, TrainingData.MLP_BATCH);
                model = new Sequential(
                        new Linear(TrainingData.MLP_FEATURES, TrainingData.MLP_HIDDEN, true, b, random),
                        new ReLU(),
                        new Linear(TrainingData.MLP_HIDDEN, TrainingData.MLP_CLASSES, true, b, random));
                optimizer = Optimizer.of(Adam.of(1e-3), model.parameters());
                batchLabels = labelsPerBatch(data.targets(), loader);
            }
            default -> throw new IllegalArgumentException("task must be linreg, logreg or mlp, got " + task);
        }
        stepsPerOp = steps == 0 ? loader.batchesPerEpoch() : steps;
        batches = loader.epoch(epoch).iterator();
    }

    private static int[][] labelsPerBatch(float[] targets, DataLoader loader) {
        int[][] labels = new int[loader.batchesPerEpoch()][];
        for (int k = 0; k < labels.length; k++) {
            int start = k * loader.batchSize();
            int end = Math.min(targets.length, start + loader.batchSize());
            labels[k] = new int[end - start];
            for (int i = start; i < end; i++) {
                labels[k][i - start] = (int) targets[i];
            }
        }
        return labels;
    }

    @Benchmark
    public Tensor train(Samples counter) {
        Tensor loss = null;
        for (int s = 0; s < stepsPerOp; s++) {
            if (!batches.hasNext()) {
                epoch++;
                batchIndex = 0;
                batches = loader.epoch(epoch).iterator();
            }
            Batch batch = batches.next();
            optimizer.zeroGrad();
            Tensor output = model.forward(batch.x());
            loss = switch (task) {
                case "linreg" -> Losses.mse(output, batch.y());
                case "logreg" -> Losses.bceWithLogits(output, batch.y());
                default -> Losses.crossEntropy(output, batchLabels[batchIndex]);
            };
            loss.backward();
            optimizer.step();
            batchIndex++;
            counter.samples += batch.size();
        }
        return loss;
    }
}
