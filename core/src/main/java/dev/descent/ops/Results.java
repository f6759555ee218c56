package dev.descent.ops;

import dev.descent.spi.Backend;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/** Fresh result tensors for the op families, allocated through {@link Kernels}. Stateless. */
final class Results {
    private Results() {
    }

    static Tensor zeros(Backend backend, Shape shape) {
        return Tensor.wrap(backend, Kernels.allocate(backend, shape.size()), shape);
    }

    static Tensor zeros(Backend backend, int... dims) {
        return zeros(backend, Shape.of(dims));
    }

    /** An unrecorded view of {@code t}'s storage with new dimensions (the caller guarantees the size). */
    static Tensor view(Tensor t, int... dims) {
        return Tensor.wrap(t.backend(), t.storage(), Shape.of(dims));
    }
}
