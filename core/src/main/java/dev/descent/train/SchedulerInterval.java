package dev.descent.train;

/**
 * When {@link Trainer} advances its learning-rate scheduler: after every epoch (PyTorch's usual place for
 * {@code scheduler.step()} with {@code StepLR}) or after every optimizer step (warm-up and per-iteration cosine
 * schedules).
 */
public enum SchedulerInterval {
    /** One scheduler step after the last batch of each epoch, before the epoch's checkpoint is written. */
    EPOCH,
    /** One scheduler step after each optimizer step. */
    BATCH
}
