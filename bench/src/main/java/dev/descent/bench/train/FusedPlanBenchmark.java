package dev.descent.bench.train;

import dev.descent.Backends;
import dev.descent.compile.CompiledStep;
import dev.descent.data.DataLoader;
import dev.descent.nn.Module;
import dev.descent.spi.Backend;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
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
 * The vector backend's fused plans against core's interpreter on the same plans, side by side: one epoch of
 * {@link CompiledStep#runRows} replays on {@link TrainingBenchmark}'s workloads (linear and logistic regression
 * 1M x 64 SGD batch 256, MLP 784-256-10 Adam batch 128), with {@code fuse = true} (the default plan) or
 * {@code false} ({@code -Ddescent.vector.fuse=false}, set before the plan is compiled, in this fork only). The
 * {@code samples} secondary result is samples per second, the figure the peers ({@code shared/peers/py/train.py})
 * report and the bounds of bench/README.md ("#15") divide.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class FusedPlanBenchmark {
    /** Whether the vector backend fuses its plans ({@code false}: core's interpreter runs them). */
    @Param({"true", "false"})
    public boolean fuse;

    /** The workload: {@code linreg}, {@code logreg} or {@code mlp}. */
    @Param({"linreg", "logreg", "mlp"})
    public String task;

    private DataLoader loader;
    private CompiledStep step;
    private Tensor features;
    private Tensor targets;

    /** Samples trained on, reported by JMH as samples per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Samples {
        /** Samples trained on so far. */
        public long samples;
    }

    /** Builds the data, the model, the optimizer and the compiled step on the vector backend. */
    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("descent.vector.fuse", Boolean.toString(fuse));
        Backend b = Backends.get("vector");
        PlanWorkload w = PlanWorkload.of(task, b);
        loader = w.loader();
        Module m = w.model();
        Objective o = w.objective();
        step = CompiledStep.of(w.optimizer(), (x, y) -> o.loss(m.forward(x), y, null), true);
        features = loader.features();
        targets = loader.targets();
    }

    /** One epoch of plan replays. */
    @Benchmark
    public Tensor replay(Samples counter) {
        Tensor loss = null;
        int rows = loader.rows();
        for (int start = 0; start < rows; start += loader.batchSize()) {
            int end = Math.min(rows, start + loader.batchSize());
            loss = step.runRows(features, targets, null, start, end);
            counter.samples += end - start;
        }
        return loss;
    }
}
