package dev.descent.bench.autograd;

import dev.descent.Backends;
import dev.descent.compile.CompiledStep;
import dev.descent.nn.Linear;
import dev.descent.nn.Losses;
import dev.descent.nn.ReLU;
import dev.descent.nn.Sequential;
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

import java.util.concurrent.TimeUnit;

/**
 * Per-step latency of a tiny MLP, {@code Linear(8, 16)-ReLU-Linear(16, 1)} on a batch of {@code batch} rows (16) with an MSE loss:
 * {@code forwardBackward} (zero the gradients, forward, loss, backward: 8 recorded ops) and {@code trainStep}
 * (the same plus an SGD step over the 4 parameters), and {@code replayedTrainStep}, the same step replayed from
 * its execution plan ({@link CompiledStep}: the input copied into the plan, one interpreted graph run, no
 * allocation, no autograd bookkeeping). The arithmetic is a few hundred FLOPs, so the time is
 * almost entirely the fixed cost per op and per step, the cost that dominates small models.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TinyMlpStepBenchmark {
    @Param({"scalar", "vector"})
    public String backend;

    /** Rows per batch. */
    @Param({"16"})
    public int batch;

    private Sequential model;
    private Optimizer optimizer;
    private Tensor x;
    private Tensor y;
    private CompiledStep compiled;

    @Setup
    public void setUp() {
        Backend b = Backends.get(backend);
        SeededRandom random = new SeededRandom(3);
        model = new Sequential(new Linear(8, 16, true, b, random), new ReLU(), new Linear(16, 1, true, b, random));
        optimizer = Optimizer.of(Sgd.of(1e-3), model.parameters());
        x = Tensor.randn(b, random, batch, 8);
        y = Tensor.randn(b, random, batch, 1);
        compiled = CompiledStep.of(optimizer, (in, target) -> Losses.mse(model.forward(in), target), true);
    }

    @Benchmark
    public Tensor forwardBackward() {
        optimizer.zeroGrad();
        Tensor loss = Losses.mse(model.forward(x), y);
        loss.backward();
        return loss;
    }

    /** The training step replayed from its execution plan. */
    @Benchmark
    public Tensor replayedTrainStep() {
        return compiled.run(x, y);
    }

    @Benchmark
    public Tensor trainStep() {
        optimizer.zeroGrad();
        Tensor loss = Losses.mse(model.forward(x), y);
        loss.backward();
        optimizer.step();
        return loss;
    }
}
