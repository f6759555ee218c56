package dev.descent.ops;

import dev.descent.autograd.Node;
import dev.descent.spi.ReduceOp;
import dev.descent.tensor.Tensor;

/**
 * Backward of sum, mean, max and min, over all elements or along one axis (with or without {@code keepDim}).
 * Sum and mean spread the gradient over the reduced elements; max and min send it to the extreme elements,
 * split evenly when several tie (PyTorch's rule for {@code amax}/{@code amin}). Argmax and argmin are not
 * differentiable.
 */
final class ReductionBackward extends Node {
    private final ReduceOp op;
    private final int axis;        // -1: all elements
    private final boolean keepDim;
    private Tensor x;
    private Tensor out;

    private ReductionBackward(ReduceOp op, int axis, boolean keepDim, Tensor x, Tensor out) {
        super(x);
        this.op = op;
        this.axis = axis;
        this.keepDim = keepDim;
        this.x = x;
        this.out = out;
    }

    /** The node for {@code out = op over all of x}, or null if {@code op} is not differentiable. */
    static Node all(ReduceOp op, Tensor x, Tensor out) {
        return of(op, -1, false, x, out);
    }

    /** The node for {@code out = op along axis} (non-negative {@code axis}), or null if not differentiable. */
    static Node along(ReduceOp op, int axis, boolean keepDim, Tensor x, Tensor out) {
        return of(op, axis, keepDim, x, out);
    }

    private static Node of(ReduceOp op, int axis, boolean keepDim, Tensor x, Tensor out) {
        return switch (op) {
            case ARGMAX, ARGMIN -> null;
            case SUM, MEAN, MAX, MIN -> new ReductionBackward(op, axis, keepDim, x, out);
        };
    }

    @Override
    public String name() {
        return "ReductionBackward(" + op + (axis < 0 ? "" : ", axis " + axis) + ")";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor kept = keptDims(g);
        Tensor gx = switch (op) {
            case SUM -> kept.broadcastTo(x.dims());
            case MEAN -> kept.div(count()).broadcastTo(x.dims());
            case MAX, MIN -> {
                Tensor mask = x.eq(keptDims(out));
                Tensor ties = axis < 0 ? mask.sum() : mask.sum(axis, true);
                yield kept.div(ties).mul(mask);
            }
            case ARGMAX, ARGMIN -> throw new IllegalStateException(op + " is not differentiable");
        };
        return new Tensor[] {gx};
    }

    /** {@code t} (shaped like the result) viewed with the reduced axis kept as length 1, so it broadcasts to x. */
    private Tensor keptDims(Tensor t) {
        if (axis < 0 || keepDim) {
            return t;
        }
        int[] dims = x.dims();
        dims[axis] = 1;
        return t.reshape(dims);
    }

    private float count() {
        return axis < 0 ? x.size() : x.dim(axis);
    }

    @Override
    protected void releaseSaved() {
        x = null;
        out = null;
    }
}
