package dev.descent.nn;

import dev.descent.tensor.Tensor;

/**
 * The Gaussian error linear unit in its tanh approximation, PyTorch's {@code nn.GELU(approximate='tanh')}:
 * {@code 0.5·x·(1 + tanh(sqrt(2/pi)·(x + 0.044715·x^3)))}. It differs from the exact erf form by less than
 * 1e-3 everywhere. It is composed from existing tensor operations (so every backend runs it without a new
 * kernel) and differentiated through them. No parameters; thread-safe.
 */
public final class GELU extends Module {
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

    /** The activation; it holds no state. */
    public GELU() {
    }

    /** GELU (tanh approximation) of every element of {@code x}. */
    public static Tensor apply(Tensor x) {
        Tensor inner = x.square().mul(x).mul(0.044715f).add(x).mul(SQRT_2_OVER_PI);
        return x.mul(inner.tanh().add(1f)).mul(0.5f);
    }

    @Override
    public Tensor forward(Tensor x) {
        return apply(x);
    }

    @Override
    protected String describe() {
        return "GELU(approximate=tanh)";
    }
}
