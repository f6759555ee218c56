package dev.descent.tensor;

/**
 * The recorded backward function of a tensor as the tensor sees it ({@link Tensor#gradFn()}): what computed it,
 * for messages. The implementations are autograd's {@code dev.descent.autograd.Node}s, which hold the inputs and
 * the gradient rule; the tensor package depends only on this interface, so that {@code dev.descent.tensor} and
 * {@code dev.descent.autograd} do not depend on each other in both directions (autograd uses tensors; tensors
 * do not use autograd). Attach one with {@link Tensor#withGradFn(GradFunction)}: it must be a {@code Node},
 * the only kind a backward pass runs.
 *
 * <p>Thread-safety: as the node's.
 */
public interface GradFunction {
    /** A short name of the operation, for messages (e.g. {@code MatmulBackward}). */
    String name();

    /** Whether a backward pass has already run through it and freed what it saved. */
    boolean isReleased();
}
