package dev.descent.compile;

import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two eager runs of a step issued the same computation: the same kernels with the same scalars, lengths
 * and strides, on the same external storages (parameters, inputs) and on storages allocated in the same order.
 * Capture records two consecutive steps and replays only when they agree, so a step whose kernels depend on
 * anything that changes between steps (a host scalar, a data-dependent branch) falls back to eager instead of
 * replaying stale values.
 */
final class TraceComparison {
    private TraceComparison() {
    }

    /** Null when {@code a} and {@code b} match, else why not. */
    static String difference(Trace a, Trace b) {
        if (a.ops.size() != b.ops.size()) {
            return "two consecutive steps issued different numbers of kernels (" + a.ops.size() + " and "
                    + b.ops.size() + ")";
        }
        Map<Storage, Integer> idsA = ids(a);
        Map<Storage, Integer> idsB = ids(b);
        for (int i = 0; i < a.ops.size(); i++) {
            List<Object> sa = signature(a.ops.get(i), a, idsA);
            List<Object> sb = signature(b.ops.get(i), b, idsB);
            if (!sa.equals(sb)) {
                return "two consecutive steps differ at kernel " + i + " (" + a.ops.get(i).getClass().getSimpleName()
                        + "): its scalars, shapes or operands changed between steps";
            }
        }
        return null;
    }

    private static Map<Storage, Integer> ids(Trace t) {
        Map<Storage, Integer> ids = new IdentityHashMap<>();
        for (Storage s : t.allocations) {
            ids.put(s, ids.size());
        }
        return ids;
    }

    /** The op's kind and every argument, with allocated storages replaced by their allocation index. */
    private static List<Object> signature(GraphOp op, Trace trace, Map<Storage, Integer> ids) {
        List<Object> out = new ArrayList<>();
        out.add(op.getClass());
        for (Storage s : op.storages()) {
            out.add(trace.allocated.contains(s) ? "internal " + ids.get(s) : new Identity(s));
        }
        switch (op) {
            case GraphOp.Fill f -> out.addAll(List.of(f.offset(), f.length(), Float.floatToRawIntBits(f.value())));
            case GraphOp.CopyStrided c -> out.addAll(List.of(c.srcOffset(), Arrays.toString(c.srcStrides()),
                    c.dstOffset(), Arrays.toString(c.dstStrides()), Arrays.toString(c.shape())));
            case GraphOp.Unary u -> out.addAll(List.of(u.op(), u.length(), Float.floatToRawIntBits(u.a()),
                    Float.floatToRawIntBits(u.b())));
            case GraphOp.Binary b -> out.addAll(List.of(b.op(), Arrays.toString(b.xStrides()),
                    Arrays.toString(b.yStrides()), Arrays.toString(b.shape())));
            case GraphOp.Axpy x -> out.addAll(List.of(Float.floatToRawIntBits(x.alpha()), x.length()));
            case GraphOp.Reduce r -> out.addAll(List.of(r.op(), r.outer(), r.length(), r.inner()));
            case GraphOp.Softmax s -> out.addAll(List.of(s.outer(), s.length(), s.inner(), s.log()));
            case GraphOp.Gemm g -> out.addAll(List.of(g.transA(), g.transB(), g.m(), g.n(), g.k(),
                    Float.floatToRawIntBits(g.alpha()), g.aOffset(), g.lda(), g.bOffset(), g.ldb(),
                    Float.floatToRawIntBits(g.beta()), g.cOffset(), g.ldc()));
            case GraphOp.GatherRows g -> out.addAll(List.of(g.rowLength(), Arrays.toString(g.rows())));
            case GraphOp.ScatterAddRows g -> out.addAll(List.of(g.rowLength(), Arrays.toString(g.rows())));
            case GraphOp.Host h -> out.add(h.name());
        }
        return out;
    }

    /** Equality by reference, for external storages. */
    private record Identity(Storage storage) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.storage == storage;
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(System.identityHashCode(storage));
        }
    }
}
