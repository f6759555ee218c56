package dev.descent.optim.schedule;

/**
 * Exponential decay, as {@code torch.optim.lr_scheduler.ExponentialLR}: {@code lr = baseLr · gamma^t}.
 *
 * @param gamma multiplicative factor per step, finite and {@code >= 0}
 */
public record ExponentialLr(double gamma) implements LrSchedule {
    /** Checks that gamma is positive and finite. */
    public ExponentialLr {
        Schedules.nonNegative("ExponentialLR", "gamma", gamma);
    }

    @Override
    public double lr(double baseLr, long t) {
        return baseLr * Math.pow(gamma, t);
    }
}
