package dev.descent.spark;

import dev.descent.nn.Module;
import dev.descent.nn.ReLU;
import dev.descent.nn.Sigmoid;
import dev.descent.nn.Tanh;

import java.util.Locale;

/** An MLP's hidden activation, named as in {@code descent train --activation}. */
enum Activation {
    RELU, TANH, SIGMOID;

    /** A fresh activation layer. */
    Module layer() {
        return switch (this) {
            case RELU -> new ReLU();
            case TANH -> new Tanh();
            case SIGMOID -> new Sigmoid();
        };
    }

    /** The lower-case name used in params and model files. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The activation named {@code id} (case-insensitive), or null if there is none. */
    static Activation parse(String id) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(id.trim())) {
                return a;
            }
        }
        return null;
    }
}
