package dev.descent.ops;

import dev.descent.autograd.Node;
import dev.descent.tensor.Tensor;

/**
 * Backward of the matrix products: {@code matmul} with either operand transposed, {@code mv}, {@code dot}
 * and {@code outer}. For {@code C = op(A)·op(B)} the gradients are GEMMs with transpose flags, never
 * transposed copies: {@code dA = g·op(B)^T} (or its transpose when A was transposed) and
 * {@code dB = op(A)^T·g} (likewise).
 */
final class MatmulBackward extends Node {
    private enum Kind { MATMUL, MV, DOT, OUTER }

    private final Kind kind;
    private final boolean transA;
    private final boolean transB;
    private Tensor a;
    private Tensor b;

    private MatmulBackward(Kind kind, Tensor a, boolean transA, Tensor b, boolean transB) {
        super(a, b);
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.transA = transA;
        this.transB = transB;
    }

    /** The node for {@code op(a)·op(b)}. */
    static Node matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        return new MatmulBackward(Kind.MATMUL, a, transA, b, transB);
    }

    /** The node for the matrix-vector product {@code a·v}. */
    static Node mv(Tensor a, Tensor v) {
        return new MatmulBackward(Kind.MV, a, false, v, false);
    }

    /** The node for the inner product of two vectors. */
    static Node dot(Tensor a, Tensor b) {
        return new MatmulBackward(Kind.DOT, a, false, b, false);
    }

    /** The node for the outer product of two vectors. */
    static Node outer(Tensor a, Tensor b) {
        return new MatmulBackward(Kind.OUTER, a, false, b, false);
    }

    @Override
    public String name() {
        return switch (kind) {
            case MATMUL -> "MatmulBackward";
            case MV -> "MvBackward";
            case DOT -> "DotBackward";
            case OUTER -> "OuterBackward";
        };
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        boolean needA = needsGrad(0);
        boolean needB = needsGrad(1);
        return switch (kind) {
            case MATMUL -> new Tensor[] {
                    needA ? (transA ? b.matmul(g, transB, true) : g.matmul(b, false, !transB)) : null,
                    needB ? (transB ? g.matmul(a, true, transA) : a.matmul(g, !transA, false)) : null};
            case MV -> new Tensor[] {
                    needA ? g.outer(b) : null,
                    needB ? a.matmul(g.reshape(g.dim(0), 1), true, false).reshape(a.dim(1)) : null};
            case DOT -> new Tensor[] {needA ? b.mul(g) : null, needB ? a.mul(g) : null};
            case OUTER -> new Tensor[] {
                    needA ? g.mv(b) : null,
                    needB ? g.matmul(a.reshape(a.dim(0), 1), true, false).reshape(b.dim(0)) : null};
        };
    }

    @Override
    protected void releaseSaved() {
        a = null;
        b = null;
    }
}
