package dev.descent.backend.scalar;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.StridedLoops;
import dev.descent.spi.UnaryOp;

/**
 * Elementwise kernels in plain loops. Transcendental functions are evaluated in double precision with
 * {@link Math} and rounded once to float, so they are as close to the exact result as a float can be (within
 * one rounding of the double result). The op is chosen once per call (or row), outside the loop, so that the
 * JIT sees simple counted loops.
 */
final class ScalarElementwise {
    private ScalarElementwise() {
    }

    static void unary(UnaryOp op, float[] x, float[] out, int n, float a, float b) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) out[i] = -x[i]; }
            case ABS -> { for (int i = 0; i < n; i++) out[i] = Math.abs(x[i]); }
            case SIGN -> { for (int i = 0; i < n; i++) out[i] = Math.signum(x[i]); }
            case EXP -> { for (int i = 0; i < n; i++) out[i] = (float) Math.exp(x[i]); }
            case LOG -> { for (int i = 0; i < n; i++) out[i] = (float) Math.log(x[i]); }
            case SQRT -> { for (int i = 0; i < n; i++) out[i] = (float) Math.sqrt(x[i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) out[i] = x[i] * x[i]; }
            case RECIPROCAL -> { for (int i = 0; i < n; i++) out[i] = 1f / x[i]; }
            case TANH -> { for (int i = 0; i < n; i++) out[i] = (float) Math.tanh(x[i]); }
            case SIGMOID -> { for (int i = 0; i < n; i++) out[i] = sigmoid(x[i]); }
            case RELU -> { for (int i = 0; i < n; i++) out[i] = Math.max(x[i], 0f); }
            case LEAKY_RELU -> { for (int i = 0; i < n; i++) out[i] = x[i] > 0f ? x[i] : a * x[i]; }
            case POW -> { for (int i = 0; i < n; i++) out[i] = (float) Math.pow(x[i], a); }
            case CLAMP -> { for (int i = 0; i < n; i++) out[i] = Math.min(Math.max(x[i], a), b); }
            case ADD -> { for (int i = 0; i < n; i++) out[i] = x[i] + a; }
            case SUBTRACT_FROM -> { for (int i = 0; i < n; i++) out[i] = a - x[i]; }
            case MULTIPLY -> { for (int i = 0; i < n; i++) out[i] = x[i] * a; }
            case DIVIDE -> { for (int i = 0; i < n; i++) out[i] = x[i] / a; }
            case DIVIDE_INTO -> { for (int i = 0; i < n; i++) out[i] = a / x[i]; }
            case AFFINE -> { for (int i = 0; i < n; i++) out[i] = a * x[i] + b; }
            case EQ -> { for (int i = 0; i < n; i++) out[i] = x[i] == a ? 1f : 0f; }
            case NE -> { for (int i = 0; i < n; i++) out[i] = x[i] != a ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) out[i] = x[i] < a ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) out[i] = x[i] <= a ? 1f : 0f; }
            case GT -> { for (int i = 0; i < n; i++) out[i] = x[i] > a ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) out[i] = x[i] >= a ? 1f : 0f; }
        }
    }

    /** {@code 1/(1+e^-x)}, written so that neither branch overflows. */
    static float sigmoid(float x) {
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    static void binary(BinaryOp op, float[] x, int[] xStrides, float[] y, int[] yStrides, float[] out, int[] shape) {
        int last = shape.length - 1;
        int n = shape[last];
        int xs = xStrides[last];
        int ys = yStrides[last];
        if (last == 0) {
            row(op, x, 0, xs, y, 0, ys, out, 0, n);
            return;
        }
        if (last == 1) {
            // row or column broadcasting, the common rank after core collapses dimensions: no callback object
            for (int r = 0; r < shape[0]; r++) {
                row(op, x, r * xStrides[0], xs, y, r * yStrides[0], ys, out, r * n, n);
            }
            return;
        }
        StridedLoops.forEachRow(shape, xStrides, yStrides, (xo, yo, oo) -> row(op, x, xo, xs, y, yo, ys, out, oo, n));
    }

    private static void row(BinaryOp op, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] out, int oo,
                            int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] + y[yo + i * ys]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] - y[yo + i * ys]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] * y[yo + i * ys]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] / y[yo + i * ys]; }
            case POW -> {
                for (int i = 0; i < n; i++) out[oo + i] = (float) Math.pow(x[xo + i * xs], y[yo + i * ys]);
            }
            case MAXIMUM -> { for (int i = 0; i < n; i++) out[oo + i] = Math.max(x[xo + i * xs], y[yo + i * ys]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) out[oo + i] = Math.min(x[xo + i * xs], y[yo + i * ys]); }
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] == y[yo + i * ys] ? 1f : 0f; }
            case NE -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] != y[yo + i * ys] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] < y[yo + i * ys] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] <= y[yo + i * ys] ? 1f : 0f; }
            case GT -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] > y[yo + i * ys] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i] = x[xo + i * xs] >= y[yo + i * ys] ? 1f : 0f; }
        }
    }
}
