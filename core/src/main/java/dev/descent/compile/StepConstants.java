package dev.descent.compile;

import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes of a captured step that compute the same values on every run, split from the ones that must run per
 * step. Backward passes start from constants (the seed gradient {@code 1}, its scaling by {@code 1/n} for a mean,
 * its broadcast to the batch shape); eager execution recomputes them per step, a plan computes them once.
 *
 * <p>A node is constant when it is a kernel (not a host call) that overwrites the whole of a storage allocated
 * inside the step, that storage has no other writer and does not outlive the step, and everything the node reads
 * is itself the output of a constant node. Such a node sees the same inputs on every run, so it produces the same
 * bits; its output keeps its own buffer (never shared with another intermediate), so the value stays put between
 * runs. Capture time only; not thread-safe.
 *
 * @param perStep  the nodes to replay per step, in their captured order
 * @param once     the constant nodes, in their captured order (run once when the plan is built)
 * @param storages the outputs of the constant nodes
 */
record StepConstants(List<GraphOp> perStep, List<GraphOp> once, Set<Storage> storages) {
    /** Splits {@code ops}; {@code allocated} are the storages the step allocated, {@code liveOut} those it returns. */
    static StepConstants split(List<GraphOp> ops, Set<Storage> allocated, Set<Storage> liveOut) {
        Map<Storage, Integer> writers = new IdentityHashMap<>();
        for (GraphOp op : ops) {
            if (op.output() != null) {
                writers.merge(op.output(), 1, Integer::sum);
            }
        }
        Set<Storage> constant = Collections.newSetFromMap(new IdentityHashMap<>());
        List<GraphOp> perStep = new ArrayList<>(ops.size());
        List<GraphOp> once = new ArrayList<>();
        for (GraphOp op : ops) {
            if (isConstant(op, constant, writers, allocated, liveOut)) {
                constant.add(op.output());
                once.add(op);
            } else {
                perStep.add(op);
            }
        }
        return new StepConstants(perStep, once, constant);
    }

    private static boolean isConstant(GraphOp op, Set<Storage> constant, Map<Storage, Integer> writers,
                                      Set<Storage> allocated, Set<Storage> liveOut) {
        Storage out = op.output();
        if (op instanceof GraphOp.Host || out == null || !op.overwritesOutput() || !allocated.contains(out)
                || liveOut.contains(out) || writers.get(out) != 1) {
            return false;
        }
        for (Storage s : op.storages()) {
            if (s != out && !constant.contains(s)) {
                return false;
            }
        }
        return true;
    }
}
