package dev.descent.optim.schedule;

import dev.descent.InvalidArgumentException;

/**
 * Step decay, as {@code torch.optim.lr_scheduler.StepLR}: {@code lr = baseLr · gamma^floor(t / stepSize)}.
 *
 * @param stepSize steps between decays, {@code >= 1}
 * @param gamma    multiplicative factor, finite and {@code >= 0} (PyTorch's default is 0.1)
 */
public record StepLr(long stepSize, double gamma) implements LrSchedule {
    /** Checks that the step size is >= 1 and gamma is positive and finite. */
    public StepLr {
        if (stepSize < 1) {
            throw new InvalidArgumentException("StepLR: step_size must be >= 1, got " + stepSize);
        }
        Schedules.nonNegative("StepLR", "gamma", gamma);
    }

    @Override
    public double lr(double baseLr, long t) {
        return baseLr * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }
}
