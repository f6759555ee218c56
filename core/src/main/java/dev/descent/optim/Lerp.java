package dev.descent.optim;

import dev.descent.tensor.Tensor;

/**
 * {@code Tensor.lerp_} in PyTorch's order, for the reference updates: {@code a + w·(b − a)} when
 * {@code |w| < 0.5}, else {@code b − (b − a)·(1 − w)} with {@code 1 − w} in float.
 */
final class Lerp {
    private Lerp() {
    }

    /** {@code average = lerp(average, target, weight)}, in place. */
    static void inPlace(Tensor average, Tensor target, float weight) {
        Tensor difference = target.sub(average);
        if (Math.abs(weight) < 0.5f) {
            average.addInPlace(difference, weight);
        } else {
            average.copyFrom(target).addInPlace(difference, -(1f - weight));
        }
    }
}
