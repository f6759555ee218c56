package dev.descent.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit()}.
 *
 * @param epochs      epochs completed in total (including those before a resume)
 * @param steps       optimizer steps in total
 * @param lossHistory mean training loss of every completed epoch, in order
 * @param stoppedEarly whether a listener ended training before the configured epochs
 * @param seconds     wall time of this run (excluding epochs done before a resume)
 * @param samples     samples processed by this run
 */
public record TrainingResult(int epochs, long steps, List<Double> lossHistory, boolean stoppedEarly, double seconds,
                             long samples) {
    /** Copies the loss history. */
    public TrainingResult {
        lossHistory = List.copyOf(lossHistory);
    }

    /** Samples per second over this run. */
    public double samplesPerSecond() {
        return seconds > 0 ? samples / seconds : 0;
    }
}
