package dev.descent.nn;

import dev.descent.tensor.Tensor;

/** The elementwise activation {@code max(x, 0), with gradient 0 at 0 as in PyTorch}. No parameters; thread-safe. */
public final class ReLU extends Module {
    /** The activation; it holds no state. */
    public ReLU() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }

    @Override
    protected String describe() {
        return "ReLU()";
    }
}
