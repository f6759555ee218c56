package dev.descent.optim.schedule;

import dev.descent.InvalidArgumentException;

import java.util.Arrays;
import java.util.List;

/** The schedule {@link LrSchedule#sequential} returns; immutable. */
record SequentialSchedule(List<LrSchedule> schedules, long[] milestones) implements LrSchedule {
    SequentialSchedule {
        schedules = List.copyOf(schedules);
        milestones = milestones.clone();
        if (schedules.isEmpty() || milestones.length != schedules.size() - 1) {
            throw new InvalidArgumentException("sequential: " + schedules.size() + " schedules need "
                    + Math.max(0, schedules.size() - 1) + " milestones, got " + milestones.length);
        }
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] <= 0 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new InvalidArgumentException("sequential: milestones must be positive and strictly increasing, got "
                        + Arrays.toString(milestones));
            }
        }
    }

    @Override
    public double lr(double baseLr, long t) {
        int i = 0;
        while (i < milestones.length && t >= milestones[i]) {
            i++;
        }
        long start = i == 0 ? 0 : milestones[i - 1];
        return schedules.get(i).lr(baseLr, t - start);
    }
}
