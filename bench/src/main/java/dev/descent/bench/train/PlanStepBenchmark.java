package dev.descent.bench.train;

import dev.descent.Backends;
import dev.descent.compile.CompiledStep;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The time of one training step (microseconds) on small workloads, eager against compiled, on any backend; made
 * for the {@code tornadovm} backend, where a step's cost is its launches (run it with {@code -p backend=tornadovm}
 * and the options of {@code bench/tornadovm-args.sh}). Each operation is one shuffled batch through
 * {@link CompiledStep#runRows} (rows gathered from the data set on the device), nothing read back.
 *
 * <p>{@code mode}: {@code eager} (plans off: the eager step), {@code interpreted} (plans on, each node its own
 * launch: core's interpreter, {@code -Ddescent.tornadovm.plan.fuse=false} on tornadovm) and {@code compiled}
 * (the backend's {@code compile}; on tornadovm one launch of the step kernel). {@code task}: {@code linear-sgd}
 * (the example: 100 samples of 1 feature, batch 10, SGD), {@code linreg} (4096 x 64, batch 256, SGD) and
 * {@code mlp} (4096 x 32, a 32-64-10 ReLU MLP, MSE on its 10 outputs, Adam, batch 64).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class PlanStepBenchmark {
    private static final String FUSE_PROPERTY = "descent.tornadovm.plan.fuse";

    /** The backend under test. */
    @Param({"scalar", "vector"})
    public String backend;

    /** {@code eager}, {@code interpreted} or {@code compiled}. */
    @Param({"eager", "interpreted", "compiled"})
    public String mode;

    /** {@code linear-sgd}, {@code linreg} or {@code mlp}. */
    @Param({"linear-sgd", "linreg", "mlp"})
    public String task;

    private CompiledStep step;
    private Tensor features;
    private Tensor targets;
    private int[] order;
    private int batch;
    private int next;

    /** Builds the data, the model and the step, and runs it past capture. */
    @Setup(Level.Trial)
    public void setUp() {
        if (mode.equals("interpreted")) {
            System.setProperty(FUSE_PROPERTY, "false");
        } else {
            System.clearProperty(FUSE_PROPERTY);
        }
        Backend b = Backends.get(backend);
        SeededRandom random = new SeededRandom(7);
        int rows;
        int columns;
        int outputs;
        Module model;
        Optimizer optimizer;
        switch (task) {
            case "linear-sgd" -> {
                rows = 100;
                columns = 1;
                outputs = 1;
                batch = 10;
                model = new Linear(columns, outputs, true, b, random);
                optimizer = Optimizer.of(Sgd.of(0.1), model.parameters());
            }
            case "linreg" -> {
                rows = 4096;
                columns = 64;
                outputs = 1;
                batch = 256;
                model = new Linear(columns, outputs, true, b, random);
                optimizer = Optimizer.of(Sgd.of(0.01), model.parameters());
            }
            case "mlp" -> {
                rows = 4096;
                columns = 32;
                outputs = 10;
                batch = 64;
                model = new Sequential(new Linear(columns, 64, true, b, random), new ReLU(),
                        new Linear(64, outputs, true, b, random));
                optimizer = Optimizer.of(Adam.of(1e-3), model.parameters());
            }
            default -> throw new IllegalArgumentException("task must be linear-sgd, linreg or mlp, got " + task);
        }
        features = Tensor.rand(b, random, rows, columns);
        targets = Tensor.rand(b, random, rows, outputs);
        order = random.permutation(rows);
        Module net = model;
        step = CompiledStep.of(optimizer, (x, y) -> Losses.mse(net.forward(x), y), !mode.equals("eager"));
        for (int i = 0; i < 8; i++) {
            step();
        }
    }

    /** Leaves the property as it found it for the next trial. */
    @TearDown(Level.Trial)
    public void tearDown() {
        System.clearProperty(FUSE_PROPERTY);
    }

    /** One training step on the next shuffled batch. */
    @Benchmark
    public Tensor step() {
        if (next + batch > order.length) {
            next = 0;
        }
        Tensor loss = step.runRows(features, targets, order, next, next + batch);
        next += batch;
        return loss;
    }
}
