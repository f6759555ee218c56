package dev.descent.compile;

import dev.descent.tensor.Tensor;

/**
 * The forward half of a training step: the loss of one batch, computed with ordinary tensor operations from the
 * batch's inputs and targets (e.g. {@code (x, y) -> Losses.mse(model.forward(x), y)}). {@link CompiledStep}
 * adds the rest (clearing gradients, backward, the optimizer update) and captures the whole step.
 *
 * <p>To be captured, the function must issue the same kernels for the same input shapes on every call and must
 * not move values between host and device ({@code item()}, {@code toArray()}, {@code Tensor.of}); a function that
 * does is still run correctly, eagerly.
 */
@FunctionalInterface
public interface StepLoss {
    /** The one-element loss of the batch {@code (x, y)}, recorded for backward. */
    Tensor loss(Tensor x, Tensor y);
}
