package dev.descent.ops;

import dev.descent.autograd.Node;
import dev.descent.spi.UnaryOp;
import dev.descent.tensor.Tensor;

/**
 * Backward of the elementwise unary ops ({@link Tensor#map} and the methods built on it). Derivatives at
 * kinks follow PyTorch: {@code relu'(0) = 0}, {@code leaky_relu'(0) = slope}, {@code |x|'(0) = 0}, and
 * {@code clamp} passes the gradient where {@code min <= x <= max}. Sign and the comparisons are not
 * differentiable: their results do not require a gradient.
 */
final class UnaryBackward extends Node {
    private final UnaryOp op;
    private final float a;
    private final float b;
    private Tensor x;
    private Tensor out;

    private UnaryBackward(UnaryOp op, float a, float b, Tensor x, Tensor out) {
        super(x);
        this.op = op;
        this.a = a;
        this.b = b;
        this.x = x;
        this.out = out;
    }

    /** The node for {@code out = op(x; a, b)}, or null if {@code op} is not differentiable. */
    static Node of(UnaryOp op, float a, float b, Tensor x, Tensor out) {
        return switch (op) {
            case SIGN, EQ, NE, LT, LE, GT, GE -> null;
            default -> new UnaryBackward(op, a, b, x, out);
        };
    }

    @Override
    public String name() {
        return "UnaryBackward(" + op + ")";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {inputGradient(g)};
    }

    private Tensor inputGradient(Tensor g) {
        return switch (op) {
            case NEG -> g.neg();
            case ABS -> g.mul(x.sign());
            case EXP -> g.mul(out);
            case LOG -> g.div(x);
            case SQRT -> g.mul(0.5f).div(out);
            case SQUARE -> g.mul(x).mul(2f);
            case RECIPROCAL -> g.mul(out.square()).neg();
            case TANH -> g.mul(out.square().rsub(1f));
            case SIGMOID -> g.mul(out.mul(out.rsub(1f)));
            case RELU -> g.mul(x.gt(0f));
            case LEAKY_RELU -> g.mul(x.gt(0f).map(UnaryOp.AFFINE, 1f - a, a));
            case POW -> a == 0f ? g.mul(0f) : g.mul(x.pow(a - 1f).mul(a));
            case CLAMP -> g.mul(x.ge(a).mul(x.le(b)));
            case ADD -> g;
            case SUBTRACT_FROM -> g.neg();
            case MULTIPLY, AFFINE -> g.mul(a);
            case DIVIDE -> g.div(a);
            case DIVIDE_INTO -> g.mul(out).div(x).neg();
            case SIGN, EQ, NE, LT, LE, GT, GE -> throw new IllegalStateException(op + " is not differentiable");
        };
    }

    @Override
    protected void releaseSaved() {
        x = null;
        out = null;
    }
}
