package dev.descent.autograd;

import dev.descent.tensor.GradFunction;
import dev.descent.tensor.Tensor;

/**
 * One recorded operation in the autograd graph: the backward function of a tensor that was computed from
 * inputs requiring gradients (PyTorch's {@code grad_fn}). A result tensor points to its node
 * ({@link Tensor#gradFn()}); the node points to its inputs, whose own nodes lead further back to the leaves.
 *
 * <p>To add a differentiable function, compute its result with ordinary tensor operations (or a backend
 * kernel) inside {@code GradMode.noGrad()} or from operands that need no gradient, subclass {@code Node} with
 * the inputs and anything the gradient needs, and attach it with {@link Tensor#withGradFn(GradFunction)} when
 * {@link #shouldRecord(Tensor...)} says so. {@link #backward(Tensor)} runs with grad mode off.
 *
 * <p>Saved state is released after the node's backward has run (unless the graph is retained): the base class
 * drops the inputs, and subclasses drop their saved tensors in {@link #releaseSaved()}. A released node
 * cannot run again, which is how a second backward through a freed graph is detected.
 *
 * <p>Thread-safety: none. A graph belongs to the thread that builds it and runs its backward.
 */
public abstract class Node implements GradFunction {
    private Tensor[] inputs;

    // Bookkeeping of the Engine during one backward pass; package-private, never seen by subclasses.
    long visitMark;
    int pendingConsumers;
    Tensor gradientSum;

    /** A node whose backward returns one gradient per entry of {@code inputs}, in that order. */
    protected Node(Tensor... inputs) {
        this.inputs = inputs;
    }

    /**
     * Whether an operation on {@code operands} must be recorded: grad mode is on and some operand requires a
     * gradient.
     */
    public static boolean shouldRecord(Tensor... operands) {
        for (Tensor t : operands) {
            if (t.requiresGrad()) {
                return GradMode.isEnabled();
            }
        }
        return false;
    }

    /**
     * The gradients with respect to each input, given the gradient of the loss with respect to this node's
     * result ({@code gradOutput}, which has the result's shape). Entry {@code i} has the shape of input
     * {@code i}, or is null when {@link #needsGrad(int)} is false for it.
     */
    protected abstract Tensor[] backward(Tensor gradOutput);

    /** Drops the tensors this node saved for its backward; called once, after backward, unless retained. */
    protected void releaseSaved() {
    }

    /** Input {@code i} as given to the constructor. */
    protected final Tensor input(int i) {
        return inputs[i];
    }

    /** Whether a gradient must be computed for input {@code i} (it requires one). */
    protected final boolean needsGrad(int i) {
        return inputs[i].requiresGrad();
    }

    /** The number of inputs. Zero once released. */
    public final int inputCount() {
        return inputs == null ? 0 : inputs.length;
    }

    /** Whether a backward pass has already run through this node and freed it. */
    public final boolean isReleased() {
        return inputs == null;
    }

    /** A short name for messages, e.g. {@code MatmulBackward}. */
    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return name();
    }

    Tensor[] inputs() {
        return inputs;
    }

    void release() {
        inputs = null;
        gradientSum = null;
        releaseSaved();
    }
}
