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
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heap allocated per replayed step of a compiled plan on this backend ({@link DeviceStep}: one launch per step),
 * over {@value #STEPS} steps of an MLP with Adam on shuffled rows. descent's side allocates nothing per step (the
 * step arrays, the program and the staging slots are reused); what remains is TornadoVM's own per-execution
 * bookkeeping, a few KB per launch on PoCL (core's {@code PlanAllocationChecks} runs the interpreter through a
 * counting wrapper, one launch per node, about 300 KB per step of its MLP). Printed as
 * {@code device step allocation: ...}.
 */
class DeviceStepAllocationTest {
    private static final int STEPS = 5_000;
    private static final double BOUND = 32 * 1024;

    @Test
    void aReplayedStepAllocatesOnlyTheRuntimesBookkeepingOfOneLaunch() {
        TornadoVmBackend backend = (TornadoVmBackend) Backends.get("tornadovm");
        SeededRandom random = new SeededRandom(3);
        Module model = new Sequential(new Linear(3, 5, true, backend, random), new ReLU(),
                new Linear(5, 3, true, backend, random));
        Optimizer optimizer = Optimizer.of(Adam.of(1e-3), model.parameters());
        CompiledStep step = CompiledStep.of(optimizer, (x, y) -> Losses.mse(model.forward(x), y), true);
        Tensor features = Tensor.rand(backend, random, 64, 3);
        Tensor targets = Tensor.rand(backend, random, 64, 3);
        int[] order = random.permutation(64);
        for (int i = 0; i < 200; i++) {
            int start = (i % 4) * 16;
            step.runRows(features, targets, order, start, start + 16);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        TransferStats.Snapshot before = backend.transfers();
        long heapBefore = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < STEPS; i++) {
            int start = (i % 4) * 16;
            step.runRows(features, targets, order, start, start + 16);
        }
        double perStep = (double) (threads.getThreadAllocatedBytes(thread) - heapBefore) / STEPS;
        long launches = backend.transfers().minus(before).launches();
        System.out.printf("device step allocation: %.1f heap bytes per step, %.2f launches per step, over %d steps%n",
                perStep, (double) launches / STEPS, STEPS);
        assertThat(launches).isEqualTo(STEPS);
        assertThat(perStep).isLessThan(BOUND);
    }
}
