package dev.descent.train;

import dev.descent.DescentException;

/**
 * Thrown when a batch's loss is NaN or infinite: training cannot recover from that, and continuing would only
 * overwrite good parameters with garbage. The message names the epoch and step, and suggests the usual cures.
 */
public class TrainingDivergedException extends DescentException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
