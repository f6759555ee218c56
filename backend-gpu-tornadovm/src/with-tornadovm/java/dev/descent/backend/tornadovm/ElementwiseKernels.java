package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Elementwise kernels: one kernel per family with the operation as an integer code (the {@code ordinal()} of
 * {@link dev.descent.spi.UnaryOp} or {@link dev.descent.spi.BinaryOp}), so that each family compiles once.
 * NaN is handled explicitly where OpenCL's {@code fmax}/{@code fmin} would drop it ({@code x != x} is the NaN
 * test that survives code generation); the plan compiles without fast-math so these tests hold.
 */
final class ElementwiseKernels {
    /** The most dimensions {@link #binary} handles (6 + 3·8 parameters fit in the 32-int parameter array). */
    static final int MAX_RANK = 8;

    private ElementwiseKernels() {
    }

    /** p: [op, xOffset, outOffset, n]; f: [a, b]. */
    static void unary(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(3)) {
            unaryAt(m, p, 0, f, 0, i);
        }
    }

    /** Element i of {@link #unary} with its parameters at {@code p[q..]} and {@code f[r..]} (shared with plans). */
    static void unaryAt(FloatArray m, IntArray p, int q, FloatArray f, int r, int i) {
        float x = m.get(p.get(q + 1) + i);
        m.set(p.get(q + 2) + i, unaryOp(p.get(q), x, f.get(r), f.get(r + 1)));
    }

    static float unaryOp(int op, float x, float a, float b) {
        float r;
        if (op == 0) {            // NEG
            r = -x;
        } else if (op == 1) {     // ABS
            r = TornadoMath.abs(x);
        } else if (op == 2) {     // SIGN
            r = x > 0f ? 1f : (x < 0f ? -1f : x);
        } else if (op == 3) {     // EXP
            r = TornadoMath.exp(x);
        } else if (op == 4) {     // LOG
            r = TornadoMath.log(x);
        } else if (op == 5) {     // SQRT
            r = TornadoMath.sqrt(x);
        } else if (op == 6) {     // SQUARE
            r = x * x;
        } else if (op == 7) {     // RECIPROCAL
            r = 1f / x;
        } else if (op == 8) {     // TANH; beyond |x| = 9 the float result is exactly ±1 (PoCL gave 1 ulp less)
            if (x > 9f) {
                r = 1f;
            } else if (x < -9f) {
                r = -1f;
            } else {
                r = TornadoMath.tanh(x);
            }
        } else if (op == 9) {     // SIGMOID, no overflow on either side
            if (x >= 0f) {
                r = 1f / (1f + TornadoMath.exp(-x));
            } else {
                float e = TornadoMath.exp(x);
                r = e / (1f + e);
            }
        } else if (op == 10) {    // RELU, NaN stays NaN
            r = x != x ? x : (x > 0f ? x : 0f);
        } else if (op == 11) {    // LEAKY_RELU
            r = x > 0f ? x : a * x;
        } else if (op == 12) {    // POW
            r = pow(x, a);
        } else if (op == 13) {    // CLAMP, NaN stays NaN
            r = x != x ? x : (x < a ? a : (x > b ? b : x));
        } else if (op == 14) {    // ADD
            r = x + a;
        } else if (op == 15) {    // SUBTRACT_FROM
            r = a - x;
        } else if (op == 16) {    // MULTIPLY
            r = x * a;
        } else if (op == 17) {    // DIVIDE
            r = x / a;
        } else if (op == 18) {    // DIVIDE_INTO
            r = a / x;
        } else if (op == 19) {    // AFFINE
            r = a * x + b;
        } else {                  // comparisons EQ NE LT LE GT GE
            r = compare(op - 20, x, a);
        }
        return r;
    }

    /**
     * Comparison {@code c} (0 EQ, 1 NE, 2 LT, 3 LE, 4 GT, 5 GE) as 1 or 0; false with NaN except NE. NaN is
     * tested first and explicitly: TornadoVM's compiler may rewrite {@code x <= y} as {@code !(x > y)}, which
     * is true for NaN (seen on PoCL).
     */
    static float compare(int c, float x, float y) {
        float result;
        if (x != x || y != y) {
            result = c == 1 ? 1f : 0f;
        } else if (c == 0) {
            result = x == y ? 1f : 0f;
        } else if (c == 1) {
            result = x != y ? 1f : 0f;
        } else if (c == 2) {
            result = x < y ? 1f : 0f;
        } else if (c == 3) {
            result = x > y ? 0f : 1f;
        } else if (c == 4) {
            result = x > y ? 1f : 0f;
        } else {
            result = x < y ? 0f : 1f;
        }
        return result;
    }

    /**
     * {@code x^y} as {@link Math#pow} defines it where C's {@code pow} differs: Java gives NaN for a NaN exponent
     * (C gives pow(1, NaN) = 1) and for |x| = 1 with an infinite exponent (C gives 1).
     */
    static float pow(float x, float y) {
        float r;
        if (y != y) {
            r = x + y;
        } else if ((x == 1f || x == -1f) && (y == Float.POSITIVE_INFINITY || y == Float.NEGATIVE_INFINITY)) {
            r = y - y;
        } else {
            r = TornadoMath.pow(x, y);
        }
        return r;
    }

    /**
     * Broadcasting binary op. p: [op, n, rank, xOffset, yOffset, outOffset, shape[MAX_RANK],
     * xStrides[MAX_RANK], yStrides[MAX_RANK]]; the output is dense.
     */
    static void binary(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(1)) {
            binaryAt(m, p, 0, i);
        }
    }

    /** Element i of {@link #binary} with its parameters at {@code p[q..]} (shared with plans). */
    static void binaryAt(FloatArray m, IntArray p, int q, int i) {
        int rank = p.get(q + 2);
        int xi = p.get(q + 3);
        int yi = p.get(q + 4);
        int rest = i;
        for (int d = rank - 1; d >= 0; d--) {
            int extent = p.get(q + 6 + d);
            int index = rest % extent;
            rest = rest / extent;
            xi += index * p.get(q + 6 + MAX_RANK + d);
            yi += index * p.get(q + 6 + 2 * MAX_RANK + d);
        }
        m.set(p.get(q + 5) + i, binaryOp(p.get(q), m.get(xi), m.get(yi)));
    }

    static float binaryOp(int op, float x, float y) {
        float r;
        if (op == 0) {
            r = x + y;
        } else if (op == 1) {
            r = x - y;
        } else if (op == 2) {
            r = x * y;
        } else if (op == 3) {
            r = x / y;
        } else if (op == 4) {
            r = pow(x, y);
        } else if (op == 5) {     // MAXIMUM: NaN propagates; max(-0, +0) = +0 as in Math.max
            if (x != x || y != y) {
                r = x + y;
            } else if (x == y) {
                r = x == 0f ? x + y : x;
            } else {
                r = x > y ? x : y;
            }
        } else if (op == 6) {     // MINIMUM: NaN propagates; min(-0, +0) = -0 as in Math.min
            if (x != x || y != y) {
                r = x + y;
            } else if (x == y) {
                r = x == 0f ? -(-x - y) : x;
            } else {
                r = x < y ? x : y;
            }
        } else {
            r = compare(op - 7, x, y);
        }
        return r;
    }

    /** p: [xOffset, yOffset, n]; f: [alpha]. {@code y += alpha * x}. */
    static void axpy(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(2)) {
            axpyAt(m, p, 0, f, 0, i);
        }
    }

    /** Element i of {@link #axpy} with its parameters at {@code p[q..]} and {@code f[r..]} (shared with plans). */
    static void axpyAt(FloatArray m, IntArray p, int q, FloatArray f, int r, int i) {
        int yi = p.get(q + 1) + i;
        m.set(yi, m.get(yi) + f.get(r) * m.get(p.get(q) + i));
    }
}
