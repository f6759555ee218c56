package dev.descent.compile;

import dev.descent.spi.GraphOp;
import dev.descent.spi.Graph;
import dev.descent.spi.Storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every intermediate of a captured step one buffer, shared by intermediates whose lifetimes do not
 * overlap. A storage allocated inside the step lives from the first kernel that touches it to the last one; the
 * storages that outlive the step (parameter gradients, the loss) are kept as they are. Buffers are shared only
 * between storages of equal length, and never between two storages of one kernel, so no kernel sees aliased
 * operands that eager execution did not. A fresh allocation is all zeros: where the first kernel on a reused or
 * re-run buffer reads it (accumulation, partial writes), a {@link GraphOp.Fill} with zero is inserted before it,
 * so each run sees exactly what eager execution saw. Whole-buffer copies out of an intermediate that dies at the
 * copy into a storage it creates are elided (the source is computed in place of the destination). Nodes that
 * compute the same values on every run are taken out and run once ({@link StepConstants}).
 */
final class MemoryPlanner {
    private MemoryPlanner() {
    }

    /**
     * The planned graph of {@code trace}; storages in {@code liveOut} keep their own buffer.
     *
     * @param tail nodes appended after the captured ones (the optimizer step)
     */
    static Planned plan(Trace trace, Set<Storage> liveOut, List<GraphOp> tail) {
        StepConstants constants = StepConstants.split(elideCopies(trace, liveOut), trace.allocated, liveOut);
        List<GraphOp> ops = constants.perStep();
        Map<Storage, Integer> first = new IdentityHashMap<>();
        Map<Storage, Integer> last = new IdentityHashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            for (Storage s : ops.get(i).storages()) {
                if (trace.allocated.contains(s) && !constants.storages().contains(s)) {
                    first.putIfAbsent(s, i);
                    last.put(s, i);
                }
            }
        }
        int elided = trace.ops.size() - ops.size() - constants.once().size();
        // Storages released after each node, and storages needing a buffer at each node.
        List<List<Storage>> startsAt = new ArrayList<>(Collections.nCopies(ops.size(), null));
        List<List<Storage>> endsAt = new ArrayList<>(Collections.nCopies(ops.size(), null));
        for (Storage s : trace.allocations) {
            Integer f = first.get(s);
            if (f == null) {
                continue;
            }
            add(startsAt, f, s);
            if (!liveOut.contains(s)) {
                add(endsAt, last.get(s), s);
            }
        }
        Map<Storage, Storage> physical = new IdentityHashMap<>();
        Map<Integer, ArrayDeque<Storage>> free = new HashMap<>();
        List<Storage> buffers = new ArrayList<>(constants.storages());
        long capturedBytes = 0;
        List<GraphOp> planned = new ArrayList<>(ops.size() + tail.size());
        for (int i = 0; i < ops.size(); i++) {
            GraphOp op = ops.get(i);
            List<Storage> starting = startsAt.get(i);
            if (starting != null) {
                for (Storage s : starting) {
                    capturedBytes += 4L * s.length();
                    Storage buffer = liveOut.contains(s) ? null : pop(free, s.length());
                    if (buffer == null) {
                        buffer = s;
                        buffers.add(s);
                    }
                    physical.put(s, buffer);
                    boolean overwritten = op.output() == s && op.overwritesOutput();
                    if (!overwritten) {
                        planned.add(new GraphOp.Fill(buffer, 0, s.length(), 0f));
                    }
                }
            }
            planned.add(op.withStorages(s -> physical.getOrDefault(s, s)));
            List<Storage> ending = endsAt.get(i);
            if (ending != null) {
                for (Storage s : ending) {
                    free.computeIfAbsent(s.length(), k -> new ArrayDeque<>()).push(physical.get(s));
                }
            }
        }
        planned.addAll(tail);
        long plannedBytes = 0;
        for (Storage b : buffers) {
            plannedBytes += 4L * b.length();
        }
        String description = String.format(java.util.Locale.ROOT,
                "%d kernels (%d copies elided, %d constant kernels run once), %d intermediates in %d planned buffers"
                        + " (%d of %d bytes)",
                ops.size(), elided, constants.once().size(), first.size(), buffers.size(), plannedBytes,
                capturedBytes);
        return new Planned(new Graph(planned, buffers, description), constants.once());
    }

    /**
     * A planned graph and the constant nodes taken out of it ({@link StepConstants}), which must have run once on
     * the graph's storages before its first run.
     */
    record Planned(Graph graph, List<GraphOp> once) {
    }

    /**
     * Removes whole-buffer copies from an intermediate that dies at the copy into a storage that the copy
     * creates (the first gradient of a parameter is {@code g.copy()} of the last backward result): the source is
     * computed straight into the destination instead. Nothing touches the destination before the copy and
     * nothing reads the source after it, so every other kernel sees the same values.
     */
    private static List<GraphOp> elideCopies(Trace trace, Set<Storage> liveOut) {
        List<GraphOp> ops = trace.ops;
        Map<Storage, Integer> first = new IdentityHashMap<>();
        Map<Storage, Integer> last = new IdentityHashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            for (Storage s : ops.get(i).storages()) {
                first.putIfAbsent(s, i);
                last.put(s, i);
            }
        }
        Map<Storage, Storage> renamed = new IdentityHashMap<>();
        boolean[] dropped = new boolean[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof GraphOp.CopyStrided c && c.overwritesOutput() && c.srcOffset() == 0
                    && c.src().length() == c.dst().length() && denseUnit(c.srcStrides(), c.shape())
                    && trace.allocated.contains(c.src()) && trace.allocated.contains(c.dst())
                    && !liveOut.contains(c.src()) && last.get(c.src()) == i && first.get(c.dst()) == i
                    && first.get(c.src()) < i) {
                renamed.put(c.src(), c.dst());
                dropped[i] = true;
            }
        }
        if (renamed.isEmpty()) {
            return ops;
        }
        List<GraphOp> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            if (!dropped[i]) {
                out.add(ops.get(i).withStorages(s -> resolve(renamed, s)));
            }
        }
        return out;
    }

    private static Storage resolve(Map<Storage, Storage> renamed, Storage s) {
        Storage r = s;
        for (Storage next = renamed.get(r); next != null; next = renamed.get(r)) {
            r = next;
        }
        return r;
    }

    private static boolean denseUnit(int[] strides, int[] shape) {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    private static void add(List<List<Storage>> at, int index, Storage s) {
        List<Storage> list = at.get(index);
        if (list == null) {
            list = new ArrayList<>();
            at.set(index, list);
        }
        list.add(s);
    }

    private static Storage pop(Map<Integer, ArrayDeque<Storage>> free, int length) {
        ArrayDeque<Storage> q = free.get(length);
        return q == null || q.isEmpty() ? null : q.pop();
    }
}
