package dev.descent.train;

import dev.descent.InvalidArgumentException;

/**
 * Stops training when the monitored loss has not improved by more than {@code minDelta} for {@code patience}
 * epochs, like Keras' {@code EarlyStopping} with mode "min". It monitors the validation loss when the trainer
 * has validation data ({@link Trainer.Builder#validationData}, {@link Trainer.Builder#validationFraction}), else
 * the training loss; never the test set, which must stay unseen by every choice training makes.
 *
 * <p>With {@link #restoreBestWeights(boolean) restoreBestWeights(true)} and given to
 * {@link Trainer.Builder#earlyStopping}, the trainer keeps a host copy of the parameters of the best epoch and
 * puts them back into the model when training ends (Keras' {@code restore_best_weights}). Its counters are
 * checkpointed with the run, so a resumed run stops where an uninterrupted one would; the best weights are not
 * (they are restored from the best epoch of the resumed part).
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private final double minDelta;
    private boolean restoreBestWeights;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int waited;
    private boolean improved;

    /**
     * Stops after {@code patience} epochs without an improvement larger than {@code minDelta}.
     *
     * @throws InvalidArgumentException if {@code patience < 1} or {@code minDelta} is negative or NaN
     */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1) {
            throw new InvalidArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new InvalidArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Whether the model gets the best epoch's weights back when training ends; returns this. */
    public EarlyStopping restoreBestWeights(boolean value) {
        this.restoreBestWeights = value;
        return this;
    }

    /** Whether the best epoch's weights are restored at the end. */
    public boolean restoresBestWeights() {
        return restoreBestWeights;
    }

    /** The loss this epoch is judged by: the validation loss if there is one, else the training loss. */
    static double monitored(EpochSummary summary) {
        return summary.validation() != null ? summary.validation().loss() : summary.trainLoss();
    }

    @Override
    public boolean onEpochEnd(EpochSummary summary) {
        double monitored = monitored(summary);
        improved = monitored < best - minDelta;
        if (improved) {
            best = monitored;
            bestEpoch = summary.epoch();
            waited = 0;
            return true;
        }
        waited++;
        return waited < patience;
    }

    /** Whether the last epoch seen improved on the best loss. */
    public boolean improved() {
        return improved;
    }

    /** The epoch with the best monitored loss so far (0 before the first epoch). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored loss so far (infinity before the first epoch). */
    public double bestLoss() {
        return best;
    }

    /** Epochs since the best one. */
    public int epochsWithoutImprovement() {
        return waited;
    }

    /** Restores the counters a checkpoint recorded. */
    void restore(double bestLoss, int bestEpochValue, int waitedValue) {
        this.best = bestLoss;
        this.bestEpoch = bestEpochValue;
        this.waited = waitedValue;
    }
}
