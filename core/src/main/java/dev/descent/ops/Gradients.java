package dev.descent.ops;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/** Helpers shared by the backward functions. Stateless. */
final class Gradients {
    private Gradients() {
    }

    /**
     * Sums a gradient of a broadcast result back to the shape of the operand that was broadcast: over the
     * leading axes the operand lacked and over the axes where it had length 1.
     */
    static Tensor sumToShape(Tensor gradient, Shape target) {
        if (gradient.shape().equals(target)) {
            return gradient;
        }
        Tensor g = gradient;
        int extra = g.rank() - target.rank();
        for (int i = 0; i < extra; i++) {
            g = g.sum(0);
        }
        for (int d = 0; d < target.rank(); d++) {
            if (target.dim(d) == 1 && g.dim(d) != 1) {
                g = g.sum(d, true);
            }
        }
        return g.shape().equals(target) ? g : g.reshape(target.dims());
    }
}
