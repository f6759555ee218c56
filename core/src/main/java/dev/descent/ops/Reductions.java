package dev.descent.ops;

import dev.descent.ShapeMismatchException;
import dev.descent.spi.ReduceOp;
import dev.descent.tensor.Tensor;

import java.util.Locale;

/**
 * The reduction op family: {@link ReduceOp} over all elements or along one axis (dropped unless
 * {@code keepDim}), and softmax/log-softmax along an axis. Shape rule: {@code Shape.reduce}; softmax keeps
 * the shape. An empty axis gives 0 for sum, NaN for mean, and an error for the others. Kernels:
 * {@code Backend.reduce}, {@code softmax}. Gradients: {@link ReductionBackward}, {@link SoftmaxBackward}.
 */
public final class Reductions {
    private Reductions() {
    }

    /** {@code op} over all elements of {@code x}, as a rank-0 tensor; {@code operation} names it in errors. */
    public static Tensor all(Tensor x, ReduceOp op, String operation) {
        Tensor out = Results.zeros(x.backend());
        into(x, op, operation, 1, x.size(), 1, out);
        return Checks.recording(x) ? Checks.record(out, ReductionBackward.all(op, x, out)) : out;
    }

    /** {@code op} along {@code axis}; the axis is dropped unless {@code keepDim}. */
    public static Tensor along(Tensor x, ReduceOp op, int axis, boolean keepDim) {
        String operation = op.name().toLowerCase(Locale.ROOT);
        int a = x.shape().axis(axis, operation);
        Tensor out = Results.zeros(x.backend(), x.shape().reduce(a, keepDim));
        into(x, op, operation, x.shape().outer(a), x.shape().dim(a), x.shape().inner(a), out);
        return Checks.recording(x) ? Checks.record(out, ReductionBackward.along(op, a, keepDim, x, out)) : out;
    }

    private static void into(Tensor x, ReduceOp op, String operation, int outer, int length, int inner,
                             Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (length == 0) {
            switch (op) {
                case SUM -> Elementwise.fill(out, 0f);
                case MEAN -> Elementwise.fill(out, Float.NaN);
                default -> throw new ShapeMismatchException(operation + ": cannot reduce an empty axis of shape "
                        + x.shape() + " (no identity for " + operation + ")");
            }
            return;
        }
        Kernels.reduce(x.backend(), op, x.storage(), outer, length, inner, out.storage());
    }

    /** Numerically stable softmax (log-softmax when {@code log}) of {@code x} along {@code axis}. */
    public static Tensor softmax(Tensor x, int axis, boolean log, String operation) {
        int a = x.shape().axis(axis, operation);
        Tensor out = Results.zeros(x.backend(), x.shape());
        if (x.size() > 0) {
            Kernels.softmax(x.backend(), x.storage(), x.shape().outer(a), x.shape().dim(a), x.shape().inner(a),
                    out.storage(), log);
        }
        return Checks.recording(x) ? Checks.record(out, new SoftmaxBackward(x, a, log, out)) : out;
    }
}
