package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.GraphOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.descent.backend.vector.GraphView.hasLength;
import static dev.descent.backend.vector.GraphView.strides;

/**
 * Binary cross-entropy with logits and its gradient per row, as core captures {@code bceWithLogits(z, y)} and its
 * backward: term {@code (max(z, 0) - z·y) + log(1 + exp(-|z|))} (averaged by the caller), gradient
 * {@code (sigmoid(z) - y)·s} with {@code s = 1/n} as captured. Full vectors use {@link VectorMath}'s polynomials,
 * the scalar tail {@link ScalarMath}'s twins (the same bits, as {@link SmallKernels} relies on), and every other
 * step is the node's own float operation, so results are the interpreter's bits.
 */
final class BceRows implements LinearModelFusion.RowLoss {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;
    private static final int L = S.length();

    private final float one;
    private final float scale;

    private BceRows(float one, float scale) {
        this.one = one;
        this.scale = scale;
    }

    @Override
    public void rows(float[] z, float[] y, float[] terms, float[] grads, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector zv = FloatVector.fromArray(S, z, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector t = zv.max(0f).sub(zv.mul(yv));
            FloatVector softplus = VectorMath.log(VectorMath.exp(zv.abs().neg()).add(one));
            t.add(softplus).intoArray(terms, i);
            VectorMath.sigmoid(zv).sub(yv).mul(scale).intoArray(grads, i);
        }
        for (; i < to; i++) {
            float zi = z[i];
            float t = Math.max(zi, 0f) - zi * y[i];
            terms[i] = t + ScalarMath.log(ScalarMath.exp(-Math.abs(zi)) + one);
            grads[i] = (ScalarMath.sigmoid(zi) - y[i]) * scale;
        }
    }

    /** The BCE-with-logits nodes from {@code at} on logits {@code z} of {@code rows} rows, or null. */
    static LinearModelFusion.LossMatch match(GraphView g, int at, Storage z, int rows) {
        GraphOp.Unary relu = unary(g, at, UnaryOp.RELU, z, rows);
        GraphOp.Binary zy = binary(g, at + 1, BinaryOp.MUL, z, null, rows);
        if (relu == null || zy == null) {
            return null;
        }
        Storage y = zy.y();
        GraphOp.Binary t = binary(g, at + 2, BinaryOp.SUB, relu.out(), zy.out(), rows);
        GraphOp.Unary abs = unary(g, at + 3, UnaryOp.ABS, z, rows);
        GraphOp.Unary neg = abs == null ? null : unary(g, at + 4, UnaryOp.NEG, abs.out(), rows);
        GraphOp.Unary exp = neg == null ? null : unary(g, at + 5, UnaryOp.EXP, neg.out(), rows);
        GraphOp.Unary plusOne = exp == null ? null : unary(g, at + 6, UnaryOp.ADD, exp.out(), rows);
        GraphOp.Unary log = plusOne == null ? null : unary(g, at + 7, UnaryOp.LOG, plusOne.out(), rows);
        if (t == null || log == null || !hasLength(y, rows)) {
            return null;
        }
        GraphOp.Binary terms = binary(g, at + 8, BinaryOp.ADD, t.out(), log.out(), rows);
        GraphOp.Reduce mean = g.op(at + 9, GraphOp.Reduce.class);
        if (terms == null || mean == null || mean.op() != ReduceOp.MEAN || mean.x() != terms.out()
                || mean.outer() != 1 || mean.length() != rows || mean.inner() != 1 || !hasLength(mean.out(), 1)) {
            return null;
        }
        // the gradient's 1/n is one of the plan's constants (computed once, before compile)
        GraphOp.Unary sigmoid = unary(g, at + 10, UnaryOp.SIGMOID, z, rows);
        GraphOp.Binary residual = sigmoid == null ? null : binary(g, at + 11, BinaryOp.SUB, sigmoid.out(), y, rows);
        GraphOp.Binary grad = g.op(at + 12, GraphOp.Binary.class);
        if (residual == null || grad == null || grad.op() != BinaryOp.MUL
                || grad.x() != residual.out() || !strides(grad.xStrides(), 1)
                || !strides(grad.yStrides(), 0) || !strides(grad.shape(), rows) || !hasLength(grad.out(), rows)) {
            return null;
        }
        float scale = g.constantValue(grad.y(), 1);
        if (Float.isNaN(scale)) {
            return null;
        }
        Storage[] intermediates = {relu.out(), zy.out(), t.out(), abs.out(), neg.out(), exp.out(), plusOne.out(),
                log.out(), terms.out(), sigmoid.out(), residual.out(), grad.out()};
        return new LinearModelFusion.LossMatch("bce-with-logits", new BceRows(plusOne.a(), scale), y, mean.out(),
                grad.out(), intermediates, at + 13);
    }

    private static GraphOp.Unary unary(GraphView g, int at, UnaryOp op, Storage x, int rows) {
        GraphOp.Unary u = g.op(at, GraphOp.Unary.class);
        return u != null && u.op() == op && u.x() == x && u.length() == rows && hasLength(u.out(), rows) ? u : null;
    }

    /** A dense rank-1 binary node of {@code rows} elements on {@code x} and {@code y} (any y when null). */
    private static GraphOp.Binary binary(GraphView g, int at, BinaryOp op, Storage x, Storage y, int rows) {
        GraphOp.Binary b = g.op(at, GraphOp.Binary.class);
        return b != null && b.op() == op && b.x() == x && (y == null || b.y() == y) && strides(b.xStrides(), 1)
                && strides(b.yStrides(), 1) && strides(b.shape(), rows) && hasLength(b.out(), rows) ? b : null;
    }
}
