package dev.descent.nn;

import dev.descent.ops.Kernels;
import dev.descent.spi.Backend;
import dev.descent.tensor.Tensor;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The constant row {@code [0, 1, ..., classes-1]} per backend, made once and shared, that device-side one-hot
 * encoding compares class indices with. Created outside any capture ({@link Kernels#untraced}), so a compiled
 * step sees it as a fixed input. Thread-safe.
 */
final class ClassIndices {
    private static final Map<Backend, Map<Integer, Tensor>> ROWS = new WeakHashMap<>();

    private ClassIndices() {
    }

    static synchronized Tensor row(Backend backend, int classes) {
        return ROWS.computeIfAbsent(backend, b -> new HashMap<>())
                .computeIfAbsent(classes, k -> Kernels.untraced(() -> Tensor.arange(backend, k)));
    }
}
