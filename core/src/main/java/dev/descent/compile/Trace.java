package dev.descent.compile;

import dev.descent.ops.KernelTrace;
import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What one eager run of a step issued: its kernel calls in order, the storages it allocated (in allocation
 * order), and the first reason, if any, why it cannot be replayed (a host transfer inside the step). Capture
 * time only; not thread-safe.
 */
final class Trace implements KernelTrace {
    final List<GraphOp> ops = new ArrayList<>();
    final List<Storage> allocations = new ArrayList<>();
    final Set<Storage> allocated = Collections.newSetFromMap(new IdentityHashMap<>());
    String unrepresentable;

    @Override
    public void allocated(Storage storage) {
        allocations.add(storage);
        allocated.add(storage);
    }

    @Override
    public void kernel(GraphOp op) {
        ops.add(op);
    }

    @Override
    public void hostTransfer(String what) {
        if (unrepresentable == null) {
            unrepresentable = "the step moves values between host and device (" + what + "), which a plan "
                    + "cannot repeat with new data";
        }
    }
}
