package dev.descent.train;

import dev.descent.DescentException;

import java.util.Locale;

/**
 * Thrown when a batch's loss is NaN or infinite: training cannot recover from that, and continuing would only
 * overwrite good parameters with garbage. The message and the accessors name the loss, the epoch, the step and
 * the batch; the usual cures (a smaller learning rate, standardized features, gradient clipping) are the
 * caller's to suggest in its own terms (the command line names its options).
 */
public class TrainingDivergedException extends DescentException {
    private final double loss;
    private final int epoch;
    private final long step;
    private final int batch;

    /** A divergence with a free-form message (no position known). */
    public TrainingDivergedException(String message) {
        super(message);
        this.loss = Double.NaN;
        this.epoch = 0;
        this.step = 0;
        this.batch = 0;
    }

    /**
     * A divergence at a known position.
     *
     * @param loss  the non-finite loss
     * @param epoch the epoch, counting from 1
     * @param step  the optimizer step of the run, counting from 1
     * @param batch the batch within the epoch, counting from 1
     */
    public TrainingDivergedException(double loss, int epoch, long step, int batch) {
        super(String.format(Locale.ROOT, "training diverged: the loss became %s at epoch %d, step %d (batch %d of"
                + " the epoch)", loss, epoch, step, batch));
        this.loss = loss;
        this.epoch = epoch;
        this.step = step;
        this.batch = batch;
    }

    /** The non-finite loss (NaN when unknown). */
    public double loss() {
        return loss;
    }

    /** The epoch, counting from 1 (0 when unknown). */
    public int epoch() {
        return epoch;
    }

    /** The run's optimizer step, counting from 1 (0 when unknown). */
    public long step() {
        return step;
    }

    /** The batch within the epoch, counting from 1 (0 when unknown). */
    public int batch() {
        return batch;
    }
}
