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
 * Mean squared error and its gradient per row, as core captures {@code mse(z, y)} and its backward:
 * {@code d = z - y}, term {@code d·d} (averaged by the caller), gradient {@code (s·d)·c} with {@code s = 1/n} and
 * {@code c = 2} as the captured scalars give them. Every result is the same float operation as the node it
 * replaces, so full vectors and the scalar tail give the interpreter's bits.
 */
final class MseRows implements LinearModelFusion.RowLoss {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;
    private static final int L = S.length();

    private final float scale;
    private final float factor;

    private MseRows(float scale, float factor) {
        this.scale = scale;
        this.factor = factor;
    }

    @Override
    public void rows(float[] z, float[] y, float[] terms, float[] grads, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, z, i).sub(FloatVector.fromArray(S, y, i));
            d.mul(d).intoArray(terms, i);
            FloatVector.broadcast(S, scale).mul(d).mul(factor).intoArray(grads, i);
        }
        for (; i < to; i++) {
            float d = z[i] - y[i];
            terms[i] = d * d;
            grads[i] = scale * d * factor;
        }
    }

    /** The MSE nodes from {@code at} on logits {@code z} of {@code rows} rows, or null. */
    static LinearModelFusion.LossMatch match(GraphView g, int at, Storage z, int rows) {
        GraphOp.Binary sub = g.op(at, GraphOp.Binary.class);
        GraphOp.Unary square = g.op(at + 1, GraphOp.Unary.class);
        GraphOp.Reduce mean = g.op(at + 2, GraphOp.Reduce.class);
        if (sub == null || sub.op() != BinaryOp.SUB || sub.x() != z || !strides(sub.xStrides(), 1)
                || !strides(sub.yStrides(), 1) || !strides(sub.shape(), rows) || !hasLength(sub.y(), rows)
                || square == null || square.op() != UnaryOp.SQUARE || square.x() != sub.out()
                || square.length() != rows || mean == null || mean.op() != ReduceOp.MEAN || mean.x() != square.out()
                || mean.outer() != 1 || mean.length() != rows || mean.inner() != 1 || !hasLength(mean.out(), 1)) {
            return null;
        }
        // the gradient's 1/n, broadcast to the rows, is one of the plan's constants (computed once, before compile)
        GraphOp.Binary times = g.op(at + 3, GraphOp.Binary.class);
        GraphOp.Unary twice = g.op(at + 4, GraphOp.Unary.class);
        if (times == null || times.op() != BinaryOp.MUL || times.y() != sub.out() || !strides(times.xStrides(), 1)
                || !strides(times.yStrides(), 1) || !strides(times.shape(), rows) || twice == null
                || twice.op() != UnaryOp.MULTIPLY || twice.x() != times.out() || twice.length() != rows
                || !hasLength(twice.out(), rows)) {
            return null;
        }
        float scale = g.constantValue(times.x(), rows);
        if (Float.isNaN(scale)) {
            return null;
        }
        Storage[] intermediates = {sub.out(), square.out(), times.out(), twice.out()};
        return new LinearModelFusion.LossMatch("mse", new MseRows(scale, twice.a()), sub.y(), mean.out(),
                twice.out(), intermediates, at + 5);
    }

    private static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static boolean allZero(int[] strides) {
        for (int s : strides) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }
}
