package dev.descent.autograd.checks;

import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.autograd.Node;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph is released by backward: 100,000 training steps of a tiny model keep the heap flat, and the
 * interior nodes of an early step become unreachable even while that step's loss tensor is still referenced. Heap use is read after a full GC, so the check compares retained
 * memory, not allocation rate; the margin (4 MiB) is far below what 90,000 retained graphs of ~10 nodes
 * would hold (tens of MiB), and far above GC noise.
 */
public abstract class AutogradMemoryChecks {
    private static final int STEPS = 100_000;
    private static final long MARGIN_BYTES = 4L << 20;

    /** The backend under test. */
    protected abstract Backend backend();

    @Test
    void trainingStepsReleaseTheirGraphs() throws InterruptedException {
        Backend backend = backend();
        SeededRandom random = new SeededRandom(1);
        Tensor w = Tensor.uniform(backend, random, -0.5f, 0.5f, 3, 2).requiresGrad(true);
        Tensor b = Tensor.zeros(backend, 2).requiresGrad(true);
        Tensor x = Tensor.uniform(backend, random, -1f, 1f, 4, 3);
        Tensor y = Tensor.uniform(backend, random, -1f, 1f, 4, 2);

        WeakReference<Node> interiorNode = null;
        Tensor keptLoss = null;
        long heapAtTenThousand = 0;
        for (int step = 1; step <= STEPS; step++) {
            Tensor hidden = x.matmul(w);
            Tensor loss = hidden.add(b).tanh().sub(y).square().mean();
            if (step == 10) {
                // The loss stays reachable; only backward's release can free the nodes behind it.
                keptLoss = loss;
                interiorNode = new WeakReference<>(hidden.gradFn());
            }
            hidden = null;
            loss.backward();
            try (NoGrad _ = GradMode.noGrad()) {
                w.addInPlace(w.grad(), -0.01f);
                b.addInPlace(b.grad(), -0.01f);
            }
            w.setGrad(null);
            b.setGrad(null);
            if (step == 10_000) {
                heapAtTenThousand = usedHeapAfterGc();
            }
        }
        long heapAtEnd = usedHeapAfterGc();
        System.out.printf("autograd memory: used heap after GC %.2f MiB at step 10k, %.2f MiB at step 100k%n",
                heapAtTenThousand / 1048576.0, heapAtEnd / 1048576.0);
        assertThat(heapAtEnd).as("heap retained after 100k steps vs 10k").isLessThan(heapAtTenThousand + MARGIN_BYTES);
        assertThat(keptLoss.gradFn().isReleased()).isTrue();
        assertThat(interiorNode.get()).as("an interior node of step 10, behind a loss still referenced").isNull();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            best = Math.min(best, runtime.totalMemory() - runtime.freeMemory());
        }
        return best;
    }
}
