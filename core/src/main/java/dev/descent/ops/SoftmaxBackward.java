package dev.descent.ops;

import dev.descent.autograd.Node;
import dev.descent.tensor.Tensor;

/**
 * Backward of softmax and log-softmax along an axis, from the saved result {@code y}:
 * softmax {@code dx = y * (g - sum(g * y))}, log-softmax {@code dx = g - exp(y) * sum(g)}, sums along the axis.
 */
final class SoftmaxBackward extends Node {
    private final int axis;
    private final boolean log;
    private Tensor out;

    /** The node for {@code out = (log)softmax(x)} along the non-negative {@code axis}. */
    SoftmaxBackward(Tensor x, int axis, boolean log, Tensor out) {
        super(x);
        this.axis = axis;
        this.log = log;
        this.out = out;
    }

    @Override
    public String name() {
        return log ? "LogSoftmaxBackward" : "SoftmaxBackward";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor gx = log
                ? g.sub(out.exp().mul(g.sum(axis, true)))
                : out.mul(g.sub(g.mul(out).sum(axis, true)));
        return new Tensor[] {gx};
    }

    @Override
    protected void releaseSaved() {
        out = null;
    }
}
