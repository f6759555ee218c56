package dev.descent.bench.optim;

import dev.descent.Backends;
import dev.descent.data.Batch;
import dev.descent.data.CsvReader;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.nn.Linear;
import dev.descent.nn.Losses;
import dev.descent.optim.Adam;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Lbfgs;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Full-batch logistic regression solved to a given training loss: L-BFGS against Adam and SGD, the same data
 * ({@code cli/src/test/resources/lbfgs/binary.csv}, 400 rows, 4 features, classes overlap), model
 * ({@code Linear(4, 1)} from zeros) and loss (BCE with logits). One operation trains from zeros until the loss
 * before a step is at most {@code target} (scikit-learn's optimum 0.392617790224 + 1e-4). The steps (epochs; for
 * L-BFGS, {@code step(closure)} calls) and loss evaluations a solve takes are the same every time: the trial's
 * setup solves once and prints them ({@code solver ... steps N evaluations M}). scikit-learn's side is
 * {@code bench/lbfgs/sklearn_reference.py}.
 * Run from the repository root (the data path is relative).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class LogisticRegressionSolverBenchmark {
    /** The training loss to reach: scikit-learn's converged loss plus 1e-4. */
    static final double TARGET = 0.392617790224 + 1e-4;
    static final int MAX_STEPS = 100_000;

    @Param({"scalar", "vector"})
    public String backend;

    @Param({"lbfgs", "lbfgs-strong_wolfe", "adam", "sgd"})
    public String solver;

    @Param({"cli/src/test/resources/lbfgs/binary.csv"})
    public String data;

    private Backend device;
    private Tensor x;
    private Tensor y;

    @Setup
    public void setUp() {
        device = Backends.get(backend);
        Dataset dataset = new CsvReader().read(Path.of(data), "y");
        Batch batch = DataLoader.fullBatch(dataset, device).epoch(0).iterator().next();
        x = batch.x();
        y = batch.y().rank() == 1 ? batch.y().reshape(batch.y().dim(0), 1) : batch.y();
        long[] counts = new long[2];
        double loss = solve(counts);
        System.out.printf("%nsolver %s on %s: steps %d evaluations %d final loss %.9f%n", solver, backend, counts[0],
                counts[1], loss);
    }

    private Hyperparameters hyperparameters() {
        return switch (solver) {
            case "lbfgs" -> Lbfgs.defaults();
            case "lbfgs-strong_wolfe" -> Lbfgs.builder().lineSearch(Lbfgs.LineSearch.STRONG_WOLFE).build();
            case "adam" -> Adam.of(0.1);
            case "sgd" -> Sgd.of(1.0);
            default -> throw new IllegalArgumentException(solver);
        };
    }

    @Benchmark
    public double solve() {
        return solve(new long[2]);
    }

    /** Trains from zeros to the target; {@code counts} receives the steps taken and the loss evaluations. */
    private double solve(long[] counts) {
        Linear model = new Linear(4, 1, true, device, new SeededRandom(0));
        for (Tensor p : model.parameters()) {
            p.fill(0f);
        }
        Optimizer optimizer = Optimizer.of(hyperparameters(), model.parameters());
        long[] evaluations = {0};
        double loss = Double.POSITIVE_INFINITY;
        int steps = 0;
        while (steps < MAX_STEPS) {
            loss = optimizer.step(() -> {
                evaluations[0]++;
                optimizer.zeroGrad();
                Tensor l = Losses.bceWithLogits(model.forward(x), y);
                l.backward();
                return l.item();
            });
            if (loss <= TARGET) {
                break;
            }
            steps++;
        }
        counts[0] = steps;
        counts[1] = evaluations[0];
        return loss;
    }
}
