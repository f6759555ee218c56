package dev.descent.nn;

import dev.descent.tensor.Tensor;

/** The elementwise activation {@code the hyperbolic tangent}. No parameters; thread-safe. */
public final class Tanh extends Module {
    /** The activation; it holds no state. */
    public Tanh() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }

    @Override
    protected String describe() {
        return "Tanh()";
    }
}
