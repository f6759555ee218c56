package dev.descent.backend.tornadovm;

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
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launches and transfers per replayed step of a compiled plan ({@link DeviceStep}), against the same step run
 * eagerly. The {@code linear-sgd} workload (y = 3x + noise, 100 samples, a linear model, MSE, SGD, shuffled
 * batches of 10, rows gathered from the data set on the device): eagerly every kernel is its own launch and the
 * row indices go up twice per step; replayed, the whole step (gather, forward, loss, backward, update) is one
 * launch whose step arrays carry the row indices and the optimizer's scalars, and nothing comes back until the
 * loss is read.
 */
class PlanLaunchesTest {
    private static final int SAMPLES = 100;
    private static final int BATCH = 10;
    private static final int STEPS = 40;

    @Test
    void aLinearSgdStepIsAtMostThreeLaunchesAndReadsNothingBack() {
        TornadoVmBackend backend = (TornadoVmBackend) Backends.get("tornadovm");
        TransferStats.Snapshot eager = perStep(backend, false);
        TransferStats.Snapshot plan = perStep(backend, true);
        System.out.printf("linear-sgd step (batch %d): eager %s; plan %s (per step)%n", BATCH, eager.describe(),
                plan.describe());
        assertThat(eager.launches()).isGreaterThan(3);
        assertThat(plan.launches()).isLessThanOrEqualTo(3);
        assertThat(plan.dataToHostBytes()).isZero();
        assertThat(eager.dataToHostBytes()).isZero();
    }

    @Test
    void theLossIsReadOnlyWhenAsked() {
        TornadoVmBackend backend = (TornadoVmBackend) Backends.get("tornadovm");
        Setup setup = new Setup(backend, true);
        for (int i = 0; i < 5; i++) {
            setup.step(i);
        }
        TransferStats.Snapshot before = backend.transfers();
        Tensor loss = setup.step(5);
        assertThat(backend.transfers().minus(before).dataToHostBytes()).isZero();
        float value = loss.item();
        assertThat(backend.transfers().minus(before).dataToHostBytes()).isPositive();
        assertThat(value).isFinite();
    }

    @Test
    void aGuardedStepReadsItsLossAndStillLaunchesAtMostThreeTimes() {
        TornadoVmBackend backend = (TornadoVmBackend) Backends.get("tornadovm");
        Setup setup = new Setup(backend, true, true);
        for (int i = 0; i < 4; i++) {
            setup.step(i);
        }
        TransferStats.Snapshot before = backend.transfers();
        for (int i = 0; i < STEPS; i++) {
            setup.step(4 + i);
        }
        TransferStats.Snapshot total = backend.transfers().minus(before);
        System.out.printf("guarded linear-sgd step: %s over %d steps%n", total.describe(), STEPS);
        assertThat(total.launches()).isLessThanOrEqualTo(3L * STEPS);
        assertThat(total.dataToHostBytes()).isEqualTo((long) STEPS * KernelPlan.TINY_STAGING * Float.BYTES);
        assertThat(setup.step.lastLoss()).isFinite();
    }

    /**
     * An MLP with Adam: eagerly, every node is a launch; compiled, one launch; compiled with every node too wide
     * for the program ({@code wideWork} 0: each node its own eager launch between empty program segments), the
     * same parameters bit for bit.
     */
    @Test
    void anMlpAdamStepReplaysInFewLaunchesWithTheEagerResult() {
        TornadoVmBackend backend = (TornadoVmBackend) Backends.get("tornadovm");
        float[][] results = new float[3][];
        long[] launches = new long[3];
        for (int compiled = 0; compiled < 3; compiled++) {
            if (compiled == 2) {
                System.setProperty(TornadoVmBackend.WIDE_PROPERTY, "0");
            }
            SeededRandom random = new SeededRandom(3);
            Module model = new Sequential(new Linear(8, 16, true, backend, random), new ReLU(),
                    new Linear(16, 1, true, backend, random));
            Optimizer optimizer = Optimizer.of(Adam.of(0.01), model.parameters());
            CompiledStep step = CompiledStep.of(optimizer, (x, y) -> Losses.mse(model.forward(x), y), compiled > 0);
            Tensor x = Tensor.rand(backend, new SeededRandom(5), 32, 8);
            Tensor y = Tensor.rand(backend, new SeededRandom(6), 32, 1);
            for (int i = 0; i < 3; i++) {
                step.run(x, y);
            }
            TransferStats.Snapshot before = backend.transfers();
            for (int i = 0; i < 10; i++) {
                step.run(x, y);
            }
            System.clearProperty(TornadoVmBackend.WIDE_PROPERTY);
            launches[compiled] = backend.transfers().minus(before).launches() / 10;
            results[compiled] = model.parameters().getFirst().toArray();
        }
        System.out.printf("mlp 8-16-1 Adam step (batch 32): %d launches eager, %d replayed, %d with every node "
                + "eager%n", launches[0], launches[1], launches[2]);
        assertThat(results[1]).containsExactly(results[0]);
        assertThat(results[2]).containsExactly(results[0]);
        assertThat(launches[1]).isLessThanOrEqualTo(3);
    }

    /**
     * The 784-256-10 MLP of the speed targets (ReLU, softmax cross-entropy, Adam, batch 128): its GEMMs are too wide
     * for the program's single work-group and stay launches of the tiled GEMM kernel; everything between them (bias,
     * activation, the loss forward and backward, the four updates) runs in program segments. Same parameters as the
     * eager step, bit for bit, in fewer launches.
     */
    @Test
    void theTargetMlpStepKeepsItsWideGemmsAsLaunchesWithTheEagerResult() {
        TornadoVmBackend backend = (TornadoVmBackend) Backends.get("tornadovm");
        float[][] results = new float[2][];
        long[] launches = new long[2];
        for (int compiled = 0; compiled < 2; compiled++) {
            SeededRandom random = new SeededRandom(3);
            Module model = new Sequential(new Linear(784, 256, true, backend, random), new ReLU(),
                    new Linear(256, 10, true, backend, random));
            Optimizer optimizer = Optimizer.of(Adam.of(1e-3), model.parameters());
            float[] classes = new float[128];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = i % 10;
            }
            Tensor labels = Tensor.of(backend, classes, 128, 1);
            CompiledStep step = CompiledStep.of(optimizer, (x, y) -> Losses.crossEntropy(model.forward(x), y),
                    compiled == 1);
            Tensor x = Tensor.rand(backend, new SeededRandom(5), 128, 784);
            for (int i = 0; i < 3; i++) {
                step.run(x, labels);
            }
            TransferStats.Snapshot before = backend.transfers();
            for (int i = 0; i < 3; i++) {
                step.run(x, labels);
            }
            launches[compiled] = backend.transfers().minus(before).launches() / 3;
            results[compiled] = model.parameters().get(2).toArray();
        }
        System.out.printf("mlp 784-256-10 Adam step (batch 128): %d launches eager, %d replayed%n", launches[0],
                launches[1]);
        assertThat(results[1]).containsExactly(results[0]);
        assertThat(launches[1]).isLessThan(launches[0]);
    }

    private static TransferStats.Snapshot perStep(TornadoVmBackend backend, boolean compile) {
        Setup setup = new Setup(backend, compile);
        for (int i = 0; i < 4; i++) {
            setup.step(i);   // two captures, the observing first replay, then the program
        }
        TransferStats.Snapshot before = backend.transfers();
        for (int i = 0; i < STEPS; i++) {
            setup.step(4 + i);
        }
        TransferStats.Snapshot total = backend.transfers().minus(before);
        return new TransferStats.Snapshot(total.dataToDeviceBytes() / STEPS, total.dataToHostBytes() / STEPS,
                total.parameterBytes() / STEPS, total.launches() / STEPS, 0, 0, 0);
    }

    /** The linear-sgd workload as a compiled step over rows of a data set on the device. */
    private static final class Setup {
        final Tensor features;
        final Tensor targets;
        final CompiledStep step;
        final SeededRandom random = new SeededRandom(42);

        Setup(TornadoVmBackend backend, boolean compile) {
            this(backend, compile, false);
        }

        Setup(TornadoVmBackend backend, boolean compile, boolean guarded) {
            SeededRandom data = new SeededRandom(7);
            features = Tensor.rand(backend, data, SAMPLES, 1);
            targets = features.mul(3f).add(Tensor.rand(backend, data, SAMPLES, 1));
            Module model = new Linear(1, 1, true, backend, new SeededRandom(1));
            Optimizer optimizer = Optimizer.of(Sgd.of(0.1), model.parameters());
            step = guarded ? CompiledStep.guarded(optimizer, (x, y) -> Losses.mse(model.forward(x), y), compile)
                    : CompiledStep.of(optimizer, (x, y) -> Losses.mse(model.forward(x), y), compile);
        }

        Tensor step(int i) {
            int[] order = random.permutation(SAMPLES);
            return step.runRows(features, targets, order, 0, BATCH);
        }
    }
}
