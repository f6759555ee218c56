package dev.descent.nn;

import dev.descent.tensor.Tensor;

/** The elementwise activation {@code 1 / (1 + e^-x), evaluated without overflow}. No parameters; thread-safe. */
public final class Sigmoid extends Module {
    /** The activation; it holds no state. */
    public Sigmoid() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }

    @Override
    protected String describe() {
        return "Sigmoid()";
    }
}
