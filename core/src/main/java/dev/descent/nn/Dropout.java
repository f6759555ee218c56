package dev.descent.nn;

import dev.descent.InvalidArgumentException;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

/**
 * Inverted dropout: in training mode each element is zeroed with probability {@code p} and the survivors are
 * scaled by {@code 1/(1-p)}, so the expected output equals the input; in evaluation mode it is the identity.
 * The mask is drawn on the host from the given {@link SeededRandom}, so a seed gives the same masks on every
 * backend. The gradient flows through the mask (it is a multiplication by a constant tensor).
 *
 * <p>Thread-safety: not thread-safe in training mode (the generator is shared state).
 */
public final class Dropout extends Module {
    private final float p;
    private final SeededRandom random;

    /** Zeroes each element with probability {@code p} in training mode (scaling the rest by 1/(1-p)), drawing masks from {@code random}. */
    public Dropout(float p, SeededRandom random) {
        if (!(p >= 0f && p <= 1f)) {
            throw new InvalidArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.random = random;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0f) {
            return x;
        }
        if (p == 1f) {
            return x.mul(0f);
        }
        Tensor keep = Tensor.rand(x.backend(), random, x.dims()).ge(p).mul(1f / (1f - p));
        return x.mul(keep);
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
