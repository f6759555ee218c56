package dev.descent.ops;

import dev.descent.autograd.Node;
import dev.descent.spi.BinaryOp;
import dev.descent.tensor.Tensor;

/**
 * Backward of the broadcasting binary ops ({@link Tensor#apply} and the methods built on it). Each operand's
 * gradient is summed back to its own shape over the axes it was broadcast along. {@code maximum} and
 * {@code minimum} split the gradient evenly between equal operands, as PyTorch does; the exponent's gradient
 * of {@code pow} is 0 where the base is 0. Comparisons are not differentiable.
 */
final class BinaryBackward extends Node {
    private final BinaryOp op;
    private Tensor x;
    private Tensor y;
    private Tensor out;

    private BinaryBackward(BinaryOp op, Tensor x, Tensor y, Tensor out) {
        super(x, y);
        this.op = op;
        this.x = x;
        this.y = y;
        this.out = out;
    }

    /** The node for {@code out = op(x, y)}, or null if {@code op} is not differentiable. */
    static Node of(BinaryOp op, Tensor x, Tensor y, Tensor out) {
        return switch (op) {
            case EQ, NE, LT, LE, GT, GE -> null;
            default -> new BinaryBackward(op, x, y, out);
        };
    }

    @Override
    public String name() {
        return "BinaryBackward(" + op + ")";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor gx = needsGrad(0) ? Gradients.sumToShape(gradientX(g), x.shape()) : null;
        Tensor gy = needsGrad(1) ? Gradients.sumToShape(gradientY(g), y.shape()) : null;
        return new Tensor[] {gx, gy};
    }

    private Tensor gradientX(Tensor g) {
        return switch (op) {
            case ADD, SUB -> g;
            case MUL -> g.mul(y);
            case DIV -> g.div(y);
            case POW -> g.mul(y).mul(x.pow(y.sub(1f)));
            case MAXIMUM -> g.mul(x.gt(y).add(x.eq(y).mul(0.5f)));
            case MINIMUM -> g.mul(x.lt(y).add(x.eq(y).mul(0.5f)));
            default -> throw new IllegalStateException(op + " is not differentiable");
        };
    }

    private Tensor gradientY(Tensor g) {
        return switch (op) {
            case ADD -> g;
            case SUB -> g.neg();
            case MUL -> g.mul(x);
            case DIV -> g.mul(out).div(y).neg();
            // log(x + [x == 0]) is log(x) except 0 where x == 0, so 0^y contributes no exponent gradient.
            case POW -> g.mul(out).mul(x.add(x.eq(0f)).log());
            case MAXIMUM -> g.mul(y.gt(x).add(x.eq(y).mul(0.5f)));
            case MINIMUM -> g.mul(y.lt(x).add(x.eq(y).mul(0.5f)));
            default -> throw new IllegalStateException(op + " is not differentiable");
        };
    }

    @Override
    protected void releaseSaved() {
        x = null;
        y = null;
        out = null;
    }
}
