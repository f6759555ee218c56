package dev.descent.optim;

import dev.descent.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optimizer state of one parameter: its step count, its named buffers (tensors on the parameter's backend
 * with the parameter's shape, created on first use) and its named scalars. What {@link StateDict} saves as
 * {@code state.<index>.step}, {@code state.<index>.<buffer>} and {@code state.<index>.<scalar>}. An
 * {@link Algorithm} reads and changes it in its update. Not thread-safe; owned by one {@link Optimizer}.
 */
public final class ParameterState {
    private long step;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new LinkedHashMap<>();

    ParameterState() {
    }

    /** The number of steps taken so far. */
    public long step() {
        return step;
    }

    /** Counts one more step and returns the new count ({@code 1} at the first step). */
    public long advanceStep() {
        return ++step;
    }

    void setStep(long value) {
        step = value;
    }

    /** Whether the buffer {@code name} exists. */
    public boolean has(String name) {
        return buffers.containsKey(name);
    }

    /** The buffer called {@code name}, created with {@code parameter}'s shape filled with {@code initial} if absent. */
    public Tensor buffer(String name, Tensor parameter, float initial) {
        Tensor buffer = buffers.get(name);
        if (buffer == null) {
            buffer = Tensor.full(parameter.backend(), initial, parameter.dims());
            buffers.put(name, buffer);
        }
        return buffer;
    }

    /** The buffer called {@code name}, or {@code null}. */
    public Tensor buffer(String name) {
        return buffers.get(name);
    }

    /** Stores {@code buffer} (with the parameter's shape) as {@code name}. */
    public void putBuffer(String name, Tensor buffer) {
        buffers.put(name, buffer);
    }

    /** Removes the buffer {@code name}, if present. */
    public void removeBuffer(String name) {
        buffers.remove(name);
    }

    /** The buffers by name, read-only. */
    public Map<String, Tensor> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** The scalar {@code name}, or {@code absent} if it was never set. */
    public double scalar(String name, double absent) {
        Double value = scalars.get(name);
        return value == null ? absent : value;
    }

    /** Sets the scalar {@code name}. */
    public void setScalar(String name, double value) {
        scalars.put(name, value);
    }

    /** The scalars by name, read-only. */
    public Map<String, Double> scalars() {
        return Collections.unmodifiableMap(scalars);
    }
}
