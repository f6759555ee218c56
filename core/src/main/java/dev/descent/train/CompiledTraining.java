package dev.descent.train;

import dev.descent.compile.CompiledStep;
import dev.descent.data.DataLoader;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.tensor.Tensor;

import java.util.List;

/**
 * The {@link Trainer}'s epochs through an execution plan ({@link CompiledStep}): each batch's rows are copied (or
 * gathered, when shuffled) straight from the loader's device tensors into the plan's input buffers, and the step
 * replays the captured graph. Per-step host work is one float read (the loss, into a preallocated array) and the
 * eager loop's bookkeeping: no host target arrays, no batch tensors, no {@code item()} allocation. The loss read
 * keeps the eager loop's exact semantics: a NaN or infinite loss stops the run before that step's update, a
 * per-batch scheduler steps after every batch, listeners see every step as it happens.
 *
 * <p>Not thread-safe: one trainer, one thread.
 */
final class CompiledTraining {
    private final CompiledStep step;
    private final DataLoader loader;
    private final Tensor features;
    private final Tensor targets;

    private CompiledTraining(Module model, Objective objective, Optimizer optimizer, DataLoader loader) {
        this.step = CompiledStep.guarded(optimizer, (x, y) -> objective.loss(model.forward(x), y, null), true);
        this.loader = loader;
        this.features = loader.features();
        this.targets = loader.targets();
    }

    /**
     * The plan-driven epochs, or null when plans are off ({@code -Ddescent.compile=false}) or cannot apply (a
     * closure optimizer such as L-BFGS, which re-evaluates the loss inside its step).
     */
    static CompiledTraining createIfEnabled(Module model, Objective objective, Optimizer optimizer,
                                            DataLoader loader) {
        // A closure algorithm (L-BFGS) re-evaluates the loss inside its step, which a captured step cannot
        // replay: it runs on the eager loop.
        if (!CompiledStep.enabledByDefault() || optimizer.needsClosure() || loader.targets() == null
                || loader.features().rank() != 2) {
            return null;
        }
        return new CompiledTraining(model, objective, optimizer, loader);
    }

    /** What one epoch gave: the sample-weighted loss sum, the samples, and the global step count after it. */
    record EpochTotals(double lossSum, int samples, long step) {
    }

    /**
     * Runs every batch of {@code epoch} (rows in {@code order}); {@code step} is the step count before it and
     * {@code afterStep} runs after each batch's step, as in the eager loop.
     */
    EpochTotals epoch(int epoch, int[] order, long step, List<TrainingListener> listeners, Runnable afterStep) {
        int[] rowsOrder = loader.shuffles() ? order : null;
        int batches = loader.batchesPerEpoch();
        int batchSize = loader.batchSize();
        int rows = loader.rows();
        double lossSum = 0;
        int samples = 0;
        for (int b = 0; b < batches; b++) {
            int start = b * batchSize;
            int end = Math.min(rows, start + batchSize);
            this.step.runRows(features, targets, rowsOrder, start, end);
            double value = this.step.lastLoss();
            step++;
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException(value, epoch + 1, step, b + 1);
            }
            afterStep.run();
            int size = end - start;
            lossSum += value * size;
            samples += size;
            for (TrainingListener l : listeners) {
                l.onStep(epoch + 1, b + 1, step, value, size);
            }
        }
        return new EpochTotals(lossSum, samples, step);
    }
}
