package dev.descent.nn;

import dev.descent.InvalidArgumentException;

import java.util.Locale;

/**
 * The element-wise activations an {@link Architecture} puts between its dense layers, by the lower-case names
 * that model files and the command line use ({@code relu}, {@code tanh}, {@code sigmoid}). Immutable.
 */
public enum Activation {
    /** {@link ReLU}: {@code max(x, 0)}. */
    RELU,
    /** {@link Tanh}. */
    TANH,
    /** {@link Sigmoid}: {@code 1 / (1 + exp(-x))}. */
    SIGMOID;

    /** A new layer computing this activation (it has no parameters). */
    public Module create() {
        return switch (this) {
            case RELU -> new ReLU();
            case TANH -> new Tanh();
            case SIGMOID -> new Sigmoid();
        };
    }

    /** The lower-case name written in model files: {@code relu}, {@code tanh} or {@code sigmoid}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The activation called {@code id} (case-insensitive).
     *
     * @throws InvalidArgumentException naming the value and the valid names
     */
    public static Activation parse(String id) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(id.trim())) {
                return a;
            }
        }
        throw new InvalidArgumentException("activation: expected relu, tanh or sigmoid, got '" + id + "'");
    }
}
