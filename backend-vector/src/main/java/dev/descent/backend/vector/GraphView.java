package dev.descent.backend.vector;

import dev.descent.spi.Graph;
import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A graph as {@link FusionPattern}s read it: the nodes by index, which storages are the plan's own buffers, and
 * where each storage is used last. Built once per compile; not thread-safe.
 */
final class GraphView {
    final VectorBackend backend;
    private final GraphOp[] ops;
    private final Set<Storage> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Storage, Integer> lastUse = new IdentityHashMap<>();

    GraphView(VectorBackend backend, Graph graph) {
        this.backend = backend;
        this.ops = graph.ops().toArray(GraphOp[]::new);
        buffers.addAll(graph.buffers());
        for (int i = 0; i < ops.length; i++) {
            for (Storage s : ops[i].storages()) {
                lastUse.put(s, i);
            }
        }
    }

    int size() {
        return ops.length;
    }

    GraphOp op(int index) {
        return ops[index];
    }

    /** Node {@code index} if it exists and is a {@code type}, else null. */
    <T extends GraphOp> T op(int index, Class<T> type) {
        return index < ops.length && type.isInstance(ops[index]) ? type.cast(ops[index]) : null;
    }

    /**
     * Whether every one of {@code storages} is a buffer of the plan whose value after node {@code index} nobody
     * reads: each later node that touches it overwrites it whole without reading it first (or none touches it).
     * A fusion ending at {@code index} may then keep those values to itself instead of writing them. (Buffers are
     * shared between intermediates whose lifetimes do not overlap, so a later intermediate may live in the same
     * storage: that is fine as long as it starts with a full overwrite.)
     */
    boolean deadAfter(int index, Storage... storages) {
        for (Storage s : storages) {
            if (!buffers.contains(s) || !deadAfter(index, s)) {
                return false;
            }
        }
        return true;
    }

    private boolean deadAfter(int index, Storage s) {
        if (lastUse.getOrDefault(s, -1) <= index) {
            return true;
        }
        for (int i = index + 1; i < ops.length; i++) {
            GraphOp op = ops[i];
            int uses = 0;
            for (Storage t : op.storages()) {
                if (t == s) {
                    uses++;
                }
            }
            if (uses == 0) {
                continue;
            }
            return uses == 1 && op.output() == s && op.overwritesOutput();
        }
        return true;
    }

    /**
     * The value held in every one of the {@code length} elements of {@code s} when it is one of the plan's
     * constants, else NaN. Core computes the nodes whose results are the same on every run (the seed gradient
     * scaled by {@code 1/n}, its broadcast) once, before {@code compile}, into buffers of their own that no node of
     * the graph writes; such a buffer holds its final value already, so a fusion may read the scalar now.
     */
    float constantValue(Storage s, long length) {
        if (!buffers.contains(s) || !hasLength(s, length)) {
            return Float.NaN;
        }
        for (GraphOp op : ops) {
            if (op.output() == s) {
                return Float.NaN;
            }
        }
        float[] values = data(s);
        float first = values[0];
        for (int i = 1; i < length; i++) {
            if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(first)) {
                return Float.NaN;
            }
        }
        return first;
    }

    /** Heap array of a storage of this backend. */
    static float[] data(Storage s) {
        return ((HeapStorage) s).data;
    }

    /** Whether {@code s} holds exactly {@code length} floats. */
    static boolean hasLength(Storage s, long length) {
        return s.length() == length;
    }

    /** Whether no two of {@code storages} are the same storage. */
    static boolean distinct(Storage... storages) {
        for (int i = 0; i < storages.length; i++) {
            for (int j = i + 1; j < storages.length; j++) {
                if (storages[i] == storages[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code strides} is exactly {@code expected}. */
    static boolean strides(int[] strides, int... expected) {
        return java.util.Arrays.equals(strides, expected);
    }
}
