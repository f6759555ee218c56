package dev.descent.optim.schedule;

import dev.descent.InvalidArgumentException;

import java.util.List;

/**
 * A learning-rate schedule in closed form: the learning rate at step {@code t} (PyTorch's {@code last_epoch},
 * counted from 0 at construction) of a parameter group whose initial learning rate is {@code baseLr}. Stateless,
 * so a run resumed at step {@code t} gets exactly the rate it would have had; {@link LrScheduler} applies a
 * schedule to an {@link dev.descent.optim.Optimizer}.
 *
 * <p>Schedules compose: {@link #sequential} switches from one to the next at milestones (PyTorch's
 * {@code SequentialLR}, e.g. linear warm-up then cosine annealing) and {@link #chain} feeds one schedule's rate
 * into the next as its base (for the multiplicative schedules this is the product of their factors, as PyTorch's
 * {@code ChainedScheduler} gives).
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface LrSchedule {
    /**
     * The learning rate at step {@code t >= 0}.
     *
     * @param baseLr the group's learning rate when the schedule started
     * @param t      the number of {@link LrScheduler#step()} calls so far
     */
    double lr(double baseLr, long t);

    /** The base learning rate unchanged at every step. */
    static LrSchedule constant() {
        return (baseLr, t) -> baseLr;
    }

    /**
     * Runs {@code schedules[0]} until step {@code milestones[0]}, then {@code schedules[1]} restarted from its
     * step 0, and so on: at step {@code t} with {@code m = milestones[i-1] <= t < milestones[i]}, the rate is
     * {@code schedules[i].lr(baseLr, t − m)}, as PyTorch's {@code SequentialLR}.
     *
     * @throws InvalidArgumentException unless there is one milestone fewer than schedules and the milestones are
     *                                  positive and strictly increasing
     */
    static LrSchedule sequential(List<LrSchedule> schedules, long... milestones) {
        return new SequentialSchedule(schedules, milestones);
    }

    /**
     * Applies the schedules one after another at each step, each taking the previous one's rate as its base:
     * {@code lr = s_n.lr(... s_2.lr(s_1.lr(baseLr, t), t) ..., t)}.
     */
    static LrSchedule chain(LrSchedule... schedules) {
        if (schedules.length == 0) {
            throw new InvalidArgumentException("chain: no schedules given");
        }
        List<LrSchedule> all = List.of(schedules);
        return (baseLr, t) -> {
            double lr = baseLr;
            for (LrSchedule s : all) {
                lr = s.lr(lr, t);
            }
            return lr;
        };
    }

    /** {@code chain(this, next)}. */
    default LrSchedule andThen(LrSchedule next) {
        return chain(this, next);
    }
}
