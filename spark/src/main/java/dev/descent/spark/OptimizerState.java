package dev.descent.spark;

import dev.descent.io.TensorData;
import dev.descent.optim.StateDict;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An optimizer's {@link StateDict} in a form that travels between driver and executors: its text values (algorithm,
 * hyperparameters, step counts) and its buffers as float32 arrays with their shapes.
 *
 * @param values  {@link StateDict#values()}
 * @param shapes  buffer shapes by buffer name
 * @param buffers buffer values by buffer name
 */
record OptimizerState(Map<String, String> values, Map<String, int[]> shapes, Map<String, float[]> buffers)
        implements Serializable {
    OptimizerState {
        values = new TreeMap<>(values);
        shapes = new TreeMap<>(shapes);
        buffers = new TreeMap<>(buffers);
    }

    static OptimizerState of(StateDict state) {
        Map<String, int[]> shapes = new TreeMap<>();
        Map<String, float[]> buffers = new TreeMap<>();
        state.buffers().forEach((name, data) -> {
            shapes.put(name, data.shape());
            buffers.put(name, data.values());
        });
        return new OptimizerState(state.values(), shapes, buffers);
    }

    StateDict toStateDict() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        buffers.forEach((name, values) -> tensors.put(name, new TensorData(shapes.get(name), values)));
        return StateDict.fromValues(values, tensors);
    }
}
