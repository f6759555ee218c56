package dev.descent.optim;

import dev.descent.InvalidArgumentException;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host snapshot of an {@link Optimizer}'s state, enough to resume training exactly: the algorithm, each group's
 * hyperparameters (including a scheduled learning rate) and parameter indices, each parameter's step count and
 * its buffers. Produced by {@link Optimizer#stateDict()} and read by {@link Optimizer#loadStateDict}; plain data
 * meant to be written by descent's own checkpoint format (no Java serialization).
 *
 * <p>Parameters are numbered {@code 0, 1, ...} across groups in order, as in PyTorch. Names are stable:
 * {@code state.<index>.step} for step counts and {@code state.<index>.<buffer>} for buffers, with PyTorch's buffer
 * names ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq}, {@code square_avg}, {@code grad_avg},
 * {@code sum}). A parameter that has never been stepped has no entries (except Adagrad's, whose state is created
 * with the optimizer).
 *
 * <p>Immutable maps and lists; the arrays inside {@link Buffer} are not copied on access, so treat them as
 * read-only. Thread-safe if nobody writes those arrays.
 *
 * @param algorithm the algorithm's name, e.g. {@code Adam} ({@link Hyperparameters#algorithm()})
 * @param groups    one entry per parameter group, in order
 * @param steps     step counts by {@code state.<index>.step}
 * @param buffers   state buffers by {@code state.<index>.<buffer>}
 */
public record StateDict(String algorithm, List<GroupState> groups, Map<String, Long> steps,
                        Map<String, Buffer> buffers) {
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
     * One parameter group.
     *
     * @param parameters      the indices of the group's parameters
     * @param hyperparameters the group's hyperparameters as {@link Hyperparameters#toMap()} names them
     */
    public record GroupState(List<Integer> parameters, Map<String, Double> hyperparameters) {
        public GroupState {
            parameters = List.copyOf(parameters);
            hyperparameters = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hyperparameters));
        }
    }

    /**
     * One state buffer: the parameter's shape and its values in row-major order.
     *
     * @param shape  the dimensions (those of the parameter)
     * @param values {@code product(shape)} values
     */
    public record Buffer(int[] shape, float[] values) {
        public Buffer {
            long size = 1;
            for (int d : shape) {
                size *= d;
            }
            if (size != values.length) {
                throw new InvalidArgumentException("StateDict.Buffer: shape " + Arrays.toString(shape) + " needs "
                        + size + " values, got " + values.length);
            }
        }

        @Override
        public String toString() {
            return "Buffer" + Arrays.toString(shape);
        }
    }
}
