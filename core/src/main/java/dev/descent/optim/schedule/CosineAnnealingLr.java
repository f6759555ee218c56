package dev.descent.optim.schedule;

import dev.descent.InvalidArgumentException;

/**
 * Cosine annealing, in the closed form of {@code torch.optim.lr_scheduler.CosineAnnealingLR}:
 * {@code lr = etaMin + (baseLr − etaMin)·(1 + cos(π·t / tMax)) / 2}. It reaches {@code etaMin} at
 * {@code t = tMax}; beyond that the cosine rises again (the closed form is periodic; combine with
 * {@link LrSchedule#sequential} to hold a value instead).
 *
 * @param tMax   steps of the half period, {@code >= 1}
 * @param etaMin the minimum learning rate, finite and {@code >= 0} (PyTorch's default is 0)
 */
public record CosineAnnealingLr(long tMax, double etaMin) implements LrSchedule {
    /** Checks the period and the minimum learning rate. */
    public CosineAnnealingLr {
        if (tMax < 1) {
            throw new InvalidArgumentException("CosineAnnealingLR: T_max must be >= 1, got " + tMax);
        }
        Schedules.nonNegative("CosineAnnealingLR", "eta_min", etaMin);
    }

    /** Annealing to 0 over {@code tMax} steps. */
    public static CosineAnnealingLr of(long tMax) {
        return new CosineAnnealingLr(tMax, 0);
    }

    @Override
    public double lr(double baseLr, long t) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }
}
