package dev.descent.compile.checks;

import dev.descent.compile.CompiledStep;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.nn.Module;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import dev.descent.train.Objectives;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steady-state replay allocates nothing: after a JIT warm-up (rounds of {@value #WARM_UP_ROUND_STEPS} steps until one
 * round stays under the bound, at most {@value #WARM_UP_ROUNDS} rounds), {@value #STEPS} replayed steps of an MLP with Adam on shuffled batches
 * (rows gathered from the data set into the plan's inputs) allocate no tensor storage (counted by a backend that
 * counts {@code allocate} and {@code upload} calls) and less than {@value #HEAP_BYTES_PER_STEP} bytes of heap per
 * step on the calling thread ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}). The figures are
 * printed ({@code plan allocation: ...}).
 */
public abstract class PlanAllocationChecks {
    private static final int STEPS = 10_000;
    private static final int HEAP_BYTES_PER_STEP = 64;
    private static final int WARM_UP_ROUNDS = 200;
    private static final int WARM_UP_ROUND_STEPS = 1_000;

    /** The backend under test. */
    protected abstract Backend backend();

    /**
     * The heap bytes per replayed step this backend's kernels may allocate on top of the plan (which allocates
     * none): {@value #HEAP_BYTES_PER_STEP} unless a backend documents why its kernels allocate.
     */
    protected double heapBytesPerStepBound() {
        return HEAP_BYTES_PER_STEP;
    }

    @Test
    void tenThousandReplayedStepsAllocateNoStorageAndAlmostNoHeap() {
        CountingBackend backend = new CountingBackend(backend());
        Objective objective = Objectives.multiclass(3);
        Dataset data = Setups.data("multiclass", 64, 2);
        Module model = Setups.model("mlp-relu", 3, backend, 3);
        Optimizer optimizer = Optimizer.of(Adam.of(1e-3), model.parameters());
        DataLoader loader = DataLoader.shuffled(data, backend, 16, 1);
        CompiledStep step = CompiledStep.of(optimizer, (x, y) -> objective.loss(model.forward(x), y, null), true);
        int[] order = loader.order(0);
        Tensor features = loader.features();
        Tensor targets = loader.targets();
        for (int i = 0; i < 200; i++) {
            int start = (i % 4) * 16;
            step.runRows(features, targets, order, start, start + 16);
        }
        assertThat(step.fallbackReason()).isNull();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        // steady state: the kernels' callers allocate (boxes, lambdas) until C2 has compiled them, which takes a
        // load-dependent number of steps; warm up in rounds until one round stays under the bound (or give up)
        int warmUpSteps = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < WARM_UP_ROUND_STEPS; i++) {
                int start = (i % 4) * 16;
                step.runRows(features, targets, order, start, start + 16);
            }
            warmUpSteps += WARM_UP_ROUND_STEPS;
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            if ((double) allocated / WARM_UP_ROUND_STEPS < heapBytesPerStepBound()) {
                break;
            }
        }
        long storagesBefore = backend.storages();
        long heapBefore = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < STEPS; i++) {
            int start = (i % 4) * 16;
            step.runRows(features, targets, order, start, start + 16);
        }
        long heap = threads.getThreadAllocatedBytes(thread) - heapBefore;
        long storages = backend.storages() - storagesBefore;
        double perStep = (double) heap / STEPS;
        System.out.printf("plan allocation: %d storages, %.2f heap bytes per step over %d replayed steps on %s "
                + "(after %d warm-up steps)%n", storages, perStep, STEPS, backend.name(), warmUpSteps + 200);
        assertThat(storages).isZero();
        assertThat(perStep).isLessThan(heapBytesPerStepBound());
    }
}
