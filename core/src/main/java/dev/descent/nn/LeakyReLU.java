package dev.descent.nn;

import dev.descent.InvalidArgumentException;
import dev.descent.tensor.Tensor;

/**
 * The elementwise activation {@code x > 0 ? x : slope·x} (PyTorch's default slope is 0.01). No parameters;
 * thread-safe.
 */
public final class LeakyReLU extends Module {
    private final float slope;

    /** With PyTorch's default {@code negative_slope} of 0.01. */
    public LeakyReLU() {
        this(0.01f);
    }

    /** A leaky ReLU with {@code slope} for negative inputs (PyTorch's default is 0.01). */
    public LeakyReLU(float slope) {
        if (!Float.isFinite(slope)) {
            throw new InvalidArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(slope);
    }

    @Override
    protected String describe() {
        return "LeakyReLU(slope=" + slope + ")";
    }
}
