package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import dev.descent.io.TensorData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host snapshot of an {@link Optimizer}'s state, enough to resume training exactly: the algorithm, each group's
 * hyperparameters (including a scheduled learning rate) and parameter indices, each parameter's step count and
 * its buffers. Produced by {@link Optimizer#stateDict()} and read by {@link Optimizer#loadStateDict}; plain data,
 * no Java serialization. For a {@link dev.descent.io.Checkpoint}, {@link #buffers()} are its optimizer tensors and
 * {@link #values()} its optimizer values; {@link #fromValues} reverses that.
 *
 * <p>Parameters are numbered {@code 0, 1, ...} across groups in order, as in PyTorch. Names are stable:
 * {@code state.<index>.step} for step counts and {@code state.<index>.<buffer>} for buffers, with PyTorch's buffer
 * names ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq}, {@code square_avg}, {@code grad_avg},
 * {@code sum}). A parameter that has never been stepped has no entries (except Adagrad's, whose state is created
 * with the optimizer).
 *
 * <p>Immutable and thread-safe.
 *
 * @param algorithm the algorithm's name, e.g. {@code Adam} ({@link Hyperparameters#algorithm()})
 * @param groups    one entry per parameter group, in order
 * @param steps     step counts by {@code state.<index>.step}
 * @param buffers   state buffers by {@code state.<index>.<buffer>}, each with its parameter's shape
 */
public record StateDict(String algorithm, List<GroupState> groups, Map<String, Long> steps,
                        Map<String, TensorData> buffers) {
    /** The key of the algorithm's name in {@link #values()}. */
    public static final String ALGORITHM_KEY = "algorithm";

    /** Copies the lists and checks that the groups and parameters are consistent. */
    public StateDict {
        if (algorithm == null || groups == null || steps == null || buffers == null) {
            throw new InvalidArgumentException("StateDict: algorithm, groups, steps and buffers must not be null");
        }
        groups = List.copyOf(groups);
        steps = Collections.unmodifiableMap(new TreeMap<>(steps));
        buffers = Collections.unmodifiableMap(new TreeMap<>(buffers));
    }

    /** The name of parameter {@code index}'s step count: {@code state.<index>.step}. */
    public static String stepName(int index) {
        return "state." + index + ".step";
    }

    /** The name of parameter {@code index}'s buffer {@code buffer}: {@code state.<index>.<buffer>}. */
    public static String bufferName(int index, String buffer) {
        return "state." + index + "." + buffer;
    }

    /**
     * Everything but the buffers as text, for a checkpoint's metadata: {@code algorithm}, then per group
     * {@code group.<g>.params} (comma-separated parameter indices) and {@code group.<g>.<hyperparameter>}
     * ({@link Double#toString}, which reads back exactly), and {@code state.<index>.step}.
     */
    public Map<String, String> values() {
        Map<String, String> values = new TreeMap<>();
        values.put(ALGORITHM_KEY, algorithm);
        for (int g = 0; g < groups.size(); g++) {
            GroupState group = groups.get(g);
            StringBuilder params = new StringBuilder();
            for (int index : group.parameters()) {
                params.append(params.isEmpty() ? "" : ",").append(index);
            }
            values.put("group." + g + ".params", params.toString());
            for (Map.Entry<String, Double> e : group.hyperparameters().entrySet()) {
                values.put("group." + g + "." + e.getKey(), Double.toString(e.getValue()));
            }
        }
        steps.forEach((name, step) -> values.put(name, Long.toString(step)));
        return values;
    }

    /**
     * Rebuilds a state dict from {@link #values()} and {@link #buffers()}.
     *
     * @throws InvalidArgumentException naming the key, if a key is unknown or a value does not parse
     */
    public static StateDict fromValues(Map<String, String> values, Map<String, TensorData> buffers) {
        String algorithm = values.get(ALGORITHM_KEY);
        if (algorithm == null) {
            throw new InvalidArgumentException("StateDict.fromValues: '" + ALGORITHM_KEY + "' is missing");
        }
        Map<Integer, List<Integer>> params = new TreeMap<>();
        Map<Integer, Map<String, Double>> hyperparameters = new TreeMap<>();
        Map<String, Long> steps = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            String[] parts = key.split("\\.", 3);
            try {
                if (key.equals(ALGORITHM_KEY)) {
                    continue;
                } else if (parts.length == 3 && parts[0].equals("group")) {
                    int g = Integer.parseInt(parts[1]);
                    if (g < 0) {
                        throw new NumberFormatException("negative group");
                    }
                    if (parts[2].equals("params")) {
                        List<Integer> indices = new ArrayList<>();
                        for (String index : e.getValue().isEmpty() ? new String[0] : e.getValue().split(",")) {
                            indices.add(Integer.parseInt(index.trim()));
                        }
                        params.put(g, indices);
                    } else {
                        hyperparameters.computeIfAbsent(g, k -> new LinkedHashMap<>())
                                .put(parts[2], Double.parseDouble(e.getValue()));
                    }
                } else if (parts.length == 3 && parts[0].equals("state") && parts[2].equals("step")) {
                    steps.put(key, Long.parseLong(e.getValue()));
                } else {
                    throw new InvalidArgumentException("StateDict.fromValues: unknown key '" + key
                            + "' (expected algorithm, group.<g>.params, group.<g>.<hyperparameter>, state.<i>.step)");
                }
            } catch (NumberFormatException ex) {
                throw new InvalidArgumentException("StateDict.fromValues: cannot read '" + key + "' = '"
                        + e.getValue() + "' (" + ex.getMessage() + ")");
            }
        }
        List<GroupState> groups = new ArrayList<>();
        for (int g = 0; g < params.size() || hyperparameters.containsKey(g); g++) {
            if (!params.containsKey(g)) {
                throw new InvalidArgumentException("StateDict.fromValues: 'group." + g + ".params' is missing");
            }
            groups.add(new GroupState(params.get(g), hyperparameters.getOrDefault(g, Map.of())));
        }
        if (groups.size() != params.size()) {
            throw new InvalidArgumentException("StateDict.fromValues: group numbers " + params.keySet()
                    + " are not 0.." + (params.size() - 1));
        }
        return new StateDict(algorithm, groups, steps, buffers);
    }

    /**
     * One parameter group.
     *
     * @param parameters      the indices of the group's parameters
     * @param hyperparameters the group's hyperparameters as {@link Hyperparameters#toMap()} names them
     */
    public record GroupState(List<Integer> parameters, Map<String, Double> hyperparameters) {
        /** Copies the lists. */
        public GroupState {
            parameters = List.copyOf(parameters);
            hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        }
    }
}
