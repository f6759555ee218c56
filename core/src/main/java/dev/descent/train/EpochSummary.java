package dev.descent.train;

/**
 * What one finished epoch produced.
 *
 * @param epoch       the epoch number, counting from 1
 * @param steps       optimizer steps taken so far in the whole run
 * @param trainLoss   the epoch's mean training loss: each batch's loss taken before its step, weighted by the
 *                    batch's size
 * @param test        test-set metrics after the epoch, or null when there is no test set
 * @param seconds     wall time of the epoch
 * @param samples     samples processed in the epoch
 * @param validation  validation-set metrics after the epoch (what early stopping watches), or null without one
 */
public record EpochSummary(int epoch, long steps, double trainLoss, Metrics test, double seconds, int samples,
                           Metrics validation) {
    /** A summary without validation metrics. */
    public EpochSummary(int epoch, long steps, double trainLoss, Metrics test, double seconds, int samples) {
        this(epoch, steps, trainLoss, test, seconds, samples, null);
    }
}
