package dev.descent.optim;

import dev.descent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optimizer state of one parameter: its step count and its named buffers (tensors on the parameter's
 * backend with the parameter's shape, created on first use). Not thread-safe; owned by one {@link Optimizer}.
 */
final class ParameterState {
    long step;
    final Map<String, Tensor> buffers = new LinkedHashMap<>();

    boolean has(String name) {
        return buffers.containsKey(name);
    }

    /** The buffer called {@code name}, created filled with {@code initial} if it does not exist yet. */
    Tensor buffer(String name, Tensor param, float initial) {
        Tensor buffer = buffers.get(name);
        if (buffer == null) {
            buffer = Tensor.full(param.backend(), initial, param.dims());
            buffers.put(name, buffer);
        }
        return buffer;
    }
}
