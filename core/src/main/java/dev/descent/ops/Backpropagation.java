package dev.descent.ops;

import dev.descent.autograd.Engine;
import dev.descent.tensor.Tensor;

/**
 * The entry from {@link Tensor#backward()} into autograd's {@link Engine}: the tensor package calls the op layer,
 * which calls autograd, so {@code dev.descent.tensor} never refers to {@code dev.descent.autograd} (only the
 * other way round). Stateless, thread-safe as the engine is.
 */
public final class Backpropagation {
    private Backpropagation() {
    }

    /** {@link Engine#backward}: back-propagates {@code gradient} (null: 1 for a one-element root) from {@code root}. */
    public static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        Engine.backward(root, gradient, retainGraph);
    }
}
