package dev.descent.optim;

import dev.descent.InvalidArgumentException;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Hyperparameter validation shared by the algorithms; every message names the algorithm, the parameter and its range. */
final class Checks {
    private Checks() {
    }

    /** {@code value} must be finite and {@code >= 0}. */
    static double nonNegative(String algorithm, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidArgumentException(algorithm + ": " + name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** {@code value} must be in {@code [0, 1)}. */
    static double inUnitIntervalOpen(String algorithm, String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidArgumentException(algorithm + ": " + name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code value} must be in {@code [0, 1]}. */
    static double inUnitIntervalClosed(String algorithm, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidArgumentException(algorithm + ": " + name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /**
     * Reads hyperparameters saved by {@link Hyperparameters#toMap()}: the key set must be exactly {@code names}.
     */
    static void requireKeys(String algorithm, Map<String, Double> values, Set<String> names) {
        for (String name : names) {
            if (!values.containsKey(name) || values.get(name) == null) {
                throw new InvalidArgumentException(algorithm + ": saved hyperparameters lack '" + name + "' (expected "
                        + names + ", got " + values.keySet() + ")");
            }
        }
        for (String key : values.keySet()) {
            if (!names.contains(key)) {
                throw new InvalidArgumentException(algorithm + ": unknown saved hyperparameter '" + key
                        + "' (expected " + names + ")");
            }
        }
    }

    /** A saved boolean: exactly 0.0 or 1.0. */
    static boolean flag(String algorithm, String name, double value) {
        if (value != 0.0 && value != 1.0) {
            throw new InvalidArgumentException(String.format(Locale.ROOT,
                    "%s: saved hyperparameter '%s' must be 0 or 1 (a boolean), got %s", algorithm, name, value));
        }
        return value == 1.0;
    }
}
