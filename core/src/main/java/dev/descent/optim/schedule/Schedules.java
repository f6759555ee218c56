package dev.descent.optim.schedule;

import dev.descent.InvalidArgumentException;

/** Validation shared by the schedules. */
final class Schedules {
    private Schedules() {
    }

    static void nonNegative(String schedule, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidArgumentException(schedule + ": " + name + " must be finite and >= 0, got " + value);
        }
    }
}
