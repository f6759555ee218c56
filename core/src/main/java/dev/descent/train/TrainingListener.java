package dev.descent.train;

/**
 * Observes a training run: progress output, learning-rate schedules, early stopping. Called on the training
 * thread; all methods default to doing nothing.
 */
public interface TrainingListener {
    /** Before the first epoch of this run (after a resume, {@code startEpoch} > 1). */
    default void onStart(int startEpoch, int epochs, int batchesPerEpoch, int samplesPerEpoch) {
    }

    /** After each optimizer step, with that batch's loss (taken before the step). */
    default void onStep(int epoch, int batch, long step, double batchLoss, int batchSize) {
    }

    /** After each epoch; return false to stop training after this epoch. */
    default boolean onEpochEnd(EpochSummary summary) {
        return true;
    }

    /** After the last epoch, or when training stopped early or failed. */
    default void onEnd() {
    }
}
