package dev.descent.optim.schedule;

import dev.descent.InvalidArgumentException;

/**
 * Linear warm-up, as {@code torch.optim.lr_scheduler.LinearLR} with {@code end_factor = 1}:
 * {@code lr = baseLr · (startFactor + (1 − startFactor)·min(t, warmupSteps) / warmupSteps)}, rising from
 * {@code startFactor·baseLr} at step 0 to {@code baseLr} at step {@code warmupSteps} and staying there.
 *
 * @param startFactor the fraction of the base rate at step 0, in {@code (0, 1]} (PyTorch's default is 1/3)
 * @param warmupSteps the steps to reach the base rate, {@code >= 1} (PyTorch's {@code total_iters}, default 5)
 */
public record LinearWarmup(double startFactor, long warmupSteps) implements LrSchedule {
    /** Checks the start factor and the warm-up length. */
    public LinearWarmup {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new InvalidArgumentException("LinearWarmup: start_factor must be in (0, 1], got " + startFactor);
        }
        if (warmupSteps < 1) {
            throw new InvalidArgumentException("LinearWarmup: warmup_steps must be >= 1, got " + warmupSteps);
        }
    }

    @Override
    public double lr(double baseLr, long t) {
        return baseLr * (startFactor + (1 - startFactor) * Math.min(t, warmupSteps) / warmupSteps);
    }
}
