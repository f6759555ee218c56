package dev.descent.examples;

import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.tensor.Tensor;

import java.util.Collection;

/**
 * Plain gradient descent on autograd's gradients: {@code p -= lr * p.grad()} under no-grad, then the gradients
 * are cleared. A stand-in for {@code dev.descent.optim}'s SGD in the examples, short enough to read in one go.
 */
final class ManualSgd {
    private ManualSgd() {
    }

    static void step(Collection<Tensor> parameters, float learningRate) {
        try (NoGrad ignored = GradMode.noGrad()) {
            for (Tensor p : parameters) {
                if (p.grad() != null) {
                    p.addInPlace(p.grad(), -learningRate);
                    p.setGrad(null);
                }
            }
        }
    }
}
