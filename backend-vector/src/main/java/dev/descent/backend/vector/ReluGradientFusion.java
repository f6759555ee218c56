package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.descent.backend.vector.GraphView.hasLength;
import static dev.descent.backend.vector.GraphView.strides;

/**
 * ReLU's gradient times the upstream gradient in one pass: core captures it as a mask {@code m = (z > 0)} (1 or
 * 0) and a product {@code g·m}; fused, the mask lives in a register and is never written (it must be private to
 * the pair: nothing after the product reads it). The product is the same float multiplication by 1 or 0, so the
 * bits are the interpreter's. Goes wide over the {@link WorkerPool} at the size the product alone would
 * ({@link Parallelism#ELEMENTWISE}), decided once per plan.
 */
final class ReluGradientFusion implements FusionPattern {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;
    private static final int L = S.length();

    @Override
    public Fusion match(GraphView g, int from) {
        GraphOp.Unary mask = g.op(from, GraphOp.Unary.class);
        GraphOp.Binary times = g.op(from + 1, GraphOp.Binary.class);
        if (mask == null || times == null || mask.op() != UnaryOp.GT || times.op() != BinaryOp.MUL) {
            return null;
        }
        int n = mask.length();
        Storage m = mask.out();
        boolean maskFirst = times.x() == m;
        Storage upstream = maskFirst ? times.y() : times.x();
        if ((!maskFirst && times.y() != m) || !strides(times.shape(), n) || !strides(times.xStrides(), 1)
                || !strides(times.yStrides(), 1) || !hasLength(m, n) || !hasLength(upstream, n)
                || !hasLength(times.out(), n) || !hasLength(mask.x(), n) || upstream == m
                || !g.deadAfter(from + 1, m)) {
            return null;
        }
        float[] z = GraphView.data(mask.x());
        float[] up = GraphView.data(upstream);
        float[] out = GraphView.data(times.out());
        float threshold = mask.a();
        WorkerPool pool = g.backend.pool();
        boolean wide = n >= Parallelism.ELEMENTWISE && g.backend.threads() > 1;
        int chunks = (n + Parallelism.CHUNK - 1) / Parallelism.CHUNK;
        Runnable kernel = wide
                ? () -> pool.run(chunks, t -> apply(z, up, out, threshold, maskFirst, t * Parallelism.CHUNK,
                        Math.min(n, (t + 1) * Parallelism.CHUNK)))
                : () -> apply(z, up, out, threshold, maskFirst, 0, n);
        return new Fusion("relu-gradient" + (wide ? " (wide)" : ""), 2, kernel);
    }

    /** {@code out[i] = up[i]·(z[i] > t ? 1 : 0)} (operands in the captured order) for {@code i} in {@code [from, to)}. */
    static void apply(float[] z, float[] up, float[] out, float t, boolean maskFirst, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector m = zero.blend(1f, FloatVector.fromArray(S, z, i).compare(VectorOperators.GT, t));
            FloatVector u = FloatVector.fromArray(S, up, i);
            (maskFirst ? m.mul(u) : u.mul(m)).intoArray(out, i);
        }
        for (; i < to; i++) {
            float m = z[i] > t ? 1f : 0f;
            out[i] = maskFirst ? m * up[i] : up[i] * m;
        }
    }
}
