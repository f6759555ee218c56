package dev.descent.train;

import dev.descent.InvalidArgumentException;

/**
 * Stops training when a monitored loss has not improved by more than {@code minDelta} for {@code patience}
 * epochs, like Keras' {@code EarlyStopping} with mode "min". Monitors the test loss when a test set is given,
 * else the training loss. Not thread-safe; one instance per run.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int waited;

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

    @Override
    public boolean onEpochEnd(EpochSummary summary) {
        double monitored = summary.test() != null ? summary.test().loss() : summary.trainLoss();
        if (monitored < best - minDelta) {
            best = monitored;
            bestEpoch = summary.epoch();
            waited = 0;
            return true;
        }
        waited++;
        return waited < patience;
    }

    /** The epoch with the best monitored loss so far (0 before the first epoch). */
    public int bestEpoch() {
        return bestEpoch;
    }
}
