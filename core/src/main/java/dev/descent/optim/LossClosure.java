package dev.descent.optim;

/**
 * Re-evaluates the training loss for {@link Optimizer#step(LossClosure)}, as PyTorch's {@code closure}: it clears
 * the gradients, runs the forward pass and the loss, calls {@code backward()} and returns the loss value.
 *
 * <pre>{@code
 * optimizer.step(() -> {
 *     optimizer.zeroGrad();
 *     Tensor loss = objective.loss(model.forward(x), y);
 *     loss.backward();
 *     return loss.item();
 * });
 * }</pre>
 */
@FunctionalInterface
public interface LossClosure {
    /** Clears and refills every parameter's gradient and returns the loss. */
    double evaluate();
}
