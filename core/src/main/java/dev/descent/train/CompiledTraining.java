package dev.descent.train;

import dev.descent.compile.CompiledStep;
import dev.descent.data.DataLoader;
import dev.descent.nn.Module;
import dev.descent.ops.Kernels;
import dev.descent.optim.Optimizer;
import dev.descent.tensor.Tensor;

import java.util.List;

/**
 * The {@link Trainer}'s epochs through an execution plan ({@link CompiledStep}): each batch's rows are copied (or
 * gathered, when shuffled) straight from the loader's device tensors into the plan's input buffers, and each
 * step's loss is copied into a device vector of per-step losses that is read back in one transfer at the end of
 * the epoch (or every quarter second, so progress stays live). Per-step host work is none beyond the plan's own
 * call: no host target arrays, no {@code loss.item()}, no batch tensors. The epoch loss, the divergence check and
 * the listeners' {@code onStep} calls see the same per-step values, in the same order, as the eager loop.
 *
 * <p>Not thread-safe: one trainer, one thread.
 */
final class CompiledTraining {
    private static final long FLUSH_NANOS = 250_000_000L;
    private static final int[] UNIT = {1};
    private static final int[] ONE = {1};

    private final CompiledStep step;
    private final DataLoader loader;
    private final Tensor features;
    private final Tensor targets;
    private final Tensor stepLosses;
    private final float[] hostLosses;

    private CompiledTraining(Module model, Objective objective, Optimizer optimizer, DataLoader loader) {
        this.step = CompiledStep.of(optimizer, (x, y) -> objective.loss(model.forward(x), y, null), true);
        this.loader = loader;
        this.features = loader.features();
        this.targets = loader.targets();
        this.stepLosses = Tensor.zeros(features.backend(), loader.batchesPerEpoch());
        this.hostLosses = new float[loader.batchesPerEpoch()];
    }

    /** The plan-driven epochs, or null when plans are off ({@code -Ddescent.compile=false}) or cannot apply. */
    static CompiledTraining createIfEnabled(Module model, Objective objective, Optimizer optimizer,
                                            DataLoader loader) {
        if (!CompiledStep.enabledByDefault() || loader.targets() == null || loader.features().rank() != 2) {
            return null;
        }
        return new CompiledTraining(model, objective, optimizer, loader);
    }

    /** What one epoch gave: the sample-weighted loss sum, the samples, and the global step count after it. */
    record EpochTotals(double lossSum, int samples, long step) {
    }

    /** Runs every batch of {@code epoch} (rows in {@code order}); {@code step} is the step count before it. */
    EpochTotals epoch(int epoch, int[] order, long step, List<TrainingListener> listeners) {
        int[] rowsOrder = loader.shuffles() ? order : null;
        int batches = loader.batchesPerEpoch();
        int batchSize = loader.batchSize();
        int rows = loader.rows();
        Totals totals = new Totals(step);
        int flushed = 0;
        long lastFlush = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            int start = b * batchSize;
            int end = Math.min(rows, start + batchSize);
            Tensor loss = this.step.runRows(features, targets, rowsOrder, start, end);
            Kernels.copyStrided(stepLosses.backend(), loss.storage(), 0, UNIT, stepLosses.storage(), b, UNIT, ONE);
            if (b + 1 == batches || System.nanoTime() - lastFlush > FLUSH_NANOS) {
                flush(epoch, flushed, b + 1, totals, listeners);
                flushed = b + 1;
                lastFlush = System.nanoTime();
            }
        }
        return new EpochTotals(totals.lossSum, totals.samples, totals.step);
    }

    /** Reads the losses of batches {@code from..to} in one transfer and reports them as the eager loop would. */
    private void flush(int epoch, int from, int to, Totals totals, List<TrainingListener> listeners) {
        stepLosses.backend().download(stepLosses.storage(), from, hostLosses, from, to - from);
        int batchSize = loader.batchSize();
        for (int b = from; b < to; b++) {
            int size = Math.min(loader.rows(), (b + 1) * batchSize) - b * batchSize;
            double value = hostLosses[b];
            totals.step++;
            if (!Double.isFinite(value)) {
                throw Trainer.diverged(value, epoch, totals.step, b);
            }
            totals.lossSum += value * size;
            totals.samples += size;
            for (TrainingListener l : listeners) {
                l.onStep(epoch + 1, b + 1, totals.step, value, size);
            }
        }
    }

    private static final class Totals {
        double lossSum;
        int samples;
        long step;

        Totals(long step) {
            this.step = step;
        }
    }
}
