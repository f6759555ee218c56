package dev.descent.optim.schedule;

import dev.descent.InvalidArgumentException;
import dev.descent.optim.Optimizer;

import java.util.List;

/**
 * Drives an {@link Optimizer}'s learning rates by an {@link LrSchedule}, like a
 * {@code torch.optim.lr_scheduler} object: it records each group's learning rate at construction as the base
 * rate, sets the rate for step 0 at once, and sets the rate for step {@code t} on the {@code t}-th
 * {@link #step()} (call it after {@link Optimizer#step()}, once per epoch or per iteration as the schedule is
 * meant).
 *
 * <p>To resume, save {@link #state()} beside the optimizer's {@link Optimizer#stateDict()} and
 * {@link #load(State)} it into a scheduler built on the restored optimizer.
 *
 * <p>Not thread-safe.
 */
public final class LrScheduler {
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private double[] baseLrs;
    private long t;

    /** Starts {@code schedule} on {@code optimizer}, whose current learning rates become the base rates. */
    public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
        this.optimizer = optimizer;
        this.schedule = schedule;
        baseLrs = new double[optimizer.groupCount()];
        for (int g = 0; g < baseLrs.length; g++) {
            baseLrs[g] = optimizer.lr(g);
        }
        apply();
    }

    /** Advances one step and sets every group's learning rate for it. */
    public void step() {
        t++;
        apply();
    }

    /** The number of {@link #step()} calls so far (PyTorch's {@code last_epoch}). */
    public long stepCount() {
        return t;
    }

    /** The base learning rate of group {@code group}. */
    public double baseLr(int group) {
        return baseLrs[group];
    }

    /** What resuming needs: the step count and the base rates. */
    public State state() {
        return new State(t, java.util.Arrays.stream(baseLrs).boxed().toList());
    }

    /** Restores a {@link #state()} and sets the learning rates it implies. */
    public void load(State state) {
        if (state.baseLrs().size() != baseLrs.length) {
            throw new InvalidArgumentException("LrScheduler.load: the state has " + state.baseLrs().size()
                    + " base learning rates but the optimizer has " + baseLrs.length + " groups");
        }
        if (state.stepCount() < 0) {
            throw new InvalidArgumentException("LrScheduler.load: step count must be >= 0, got " + state.stepCount());
        }
        baseLrs = state.baseLrs().stream().mapToDouble(Double::doubleValue).toArray();
        t = state.stepCount();
        apply();
    }

    private void apply() {
        for (int g = 0; g < baseLrs.length; g++) {
            optimizer.setLr(g, schedule.lr(baseLrs[g], t));
        }
    }

    /**
     * A scheduler's resumable state.
     *
     * @param stepCount the steps taken
     * @param baseLrs   each group's base learning rate
     */
    public record State(long stepCount, List<Double> baseLrs) {
        /** Copies the base rates. */
        public State {
            baseLrs = List.copyOf(baseLrs);
        }
    }
}
