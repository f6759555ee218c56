package dev.descent.bench.train;

import dev.descent.Backends;
import dev.descent.compile.CompiledStep;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
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
 * The path users run against the bare plan, on {@link TrainingBenchmark}'s workloads (sequential batches, one
 * epoch per operation): {@code replay} calls {@link CompiledStep#runRows} for every batch (the bare plan replay,
 * nothing read back); {@code trainer} runs {@link Trainer#fit()} for one epoch with plans (the default: rows
 * copied into the plan, per-step losses kept on the device and read once, the epoch loss computed);
 * {@code trainerEager} the same with {@code -Ddescent.compile=false}. The {@code samples} secondary result is
 * samples per second; {@code trainer} within 10% of {@code replay} is the target, and {@code replay} against
 * {@link LinearModelKernelsBenchmark} gives a plan's per-step overhead over bare kernels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class PlanTrainingBenchmark {
    /** The backend under test. */
    @Param({"scalar", "vector"})
    public String backend;

    /** The workload: {@code linreg}, {@code logreg} or {@code mlp} (as {@link TrainingBenchmark}). */
    @Param({"linreg", "logreg", "mlp"})
    public String task;

    private Module model;
    private Optimizer optimizer;
    private Objective objective;
    private Dataset data;
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

    /** Builds the data, the model, the optimizer and the compiled step. */
    @Setup(Level.Trial)
    public void setUp() {
        Backend b = Backends.get(backend);
        PlanWorkload w = PlanWorkload.of(task, b);
        data = w.data();
        loader = w.loader();
        model = w.model();
        optimizer = w.optimizer();
        objective = w.objective();
        step = CompiledStep.of(optimizer, (x, y) -> objective.loss(model.forward(x), y, null), true);
        features = loader.features();
        targets = loader.targets();
    }

    /** One epoch of bare plan replays. */
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

    /** One epoch through {@code Trainer.fit()} with plans. */
    @Benchmark
    public double trainer(Samples counter) {
        return fit(counter, true);
    }

    /** One epoch through {@code Trainer.fit()} without plans. */
    @Benchmark
    public double trainerEager(Samples counter) {
        return fit(counter, false);
    }

    private double fit(Samples counter, boolean compile) {
        System.setProperty(CompiledStep.PROPERTY, Boolean.toString(compile));
        Trainer trainer = Trainer.builder().model(model).objective(objective).optimizer(optimizer)
                .data(loader, data).epochs(1).build();
        double loss = trainer.fit().lossHistory().getLast();
        counter.samples += loader.rows();
        return loss;
    }
}
