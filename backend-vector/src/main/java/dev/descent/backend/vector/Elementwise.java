package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise kernels over index ranges {@code [from, to)}: {@code SPECIES.loopBound} main loops on whole vectors
 * and scalar tails that follow the same formula. Each op has its own loop (one line per op) on purpose: a shared
 * loop calling a lambda per vector would stop C2 from inlining it and box every vector. Stateless and thread-safe.
 */
final class Elementwise {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;
    private static final int L = VectorShapes.LANES;

    private Elementwise() {
    }

    /** Whether an op costs a transcendental evaluation per element (parallel at a lower size). */
    static boolean isExpensive(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, TANH, SIGMOID, POW -> true;
            default -> false;
        };
    }

    /** {@code o[i] = op(x[i]; a, b)} for {@code i} in {@code [from, to)}; {@code o} may be {@code x}. */
    static void unary(UnaryOp op, float[] x, float[] o, int from, int to, float a, float b) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        switch (op) {
            case NEG -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).neg().intoArray(o, i);
                for (; i < to; i++) o[i] = -x[i];
            }
            case ABS -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).abs().intoArray(o, i);
                for (; i < to; i++) o[i] = Math.abs(x[i]);
            }
            case SIGN -> {
                for (; i < bound; i += L) sign(FloatVector.fromArray(S, x, i)).intoArray(o, i);
                for (; i < to; i++) o[i] = Math.signum(x[i]);
            }
            case EXP -> {
                for (; i < bound; i += L) VectorMath.exp(FloatVector.fromArray(S, x, i)).intoArray(o, i);
                if (i < to) tail(op, x, o, i, to, a, b);
            }
            case LOG -> {
                for (; i < bound; i += L) VectorMath.log(FloatVector.fromArray(S, x, i)).intoArray(o, i);
                if (i < to) tail(op, x, o, i, to, a, b);
            }
            case TANH -> {
                for (; i < bound; i += L) VectorMath.tanh(FloatVector.fromArray(S, x, i)).intoArray(o, i);
                if (i < to) tail(op, x, o, i, to, a, b);
            }
            case SIGMOID -> {
                for (; i < bound; i += L) VectorMath.sigmoid(FloatVector.fromArray(S, x, i)).intoArray(o, i);
                if (i < to) tail(op, x, o, i, to, a, b);
            }
            case SQRT -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).sqrt().intoArray(o, i);
                for (; i < to; i++) o[i] = (float) Math.sqrt(x[i]);
            }
            case SQUARE -> {
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    v.mul(v).intoArray(o, i);
                }
                for (; i < to; i++) o[i] = x[i] * x[i];
            }
            case RECIPROCAL -> {
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < bound; i += L) one.div(FloatVector.fromArray(S, x, i)).intoArray(o, i);
                for (; i < to; i++) o[i] = 1f / x[i];
            }
            case RELU -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).max(0f).intoArray(o, i);
                for (; i < to; i++) o[i] = Math.max(x[i], 0f);
            }
            case LEAKY_RELU -> {
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    v.mul(a).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(o, i);
                }
                for (; i < to; i++) o[i] = x[i] > 0f ? x[i] : a * x[i];
            }
            case POW -> pow(x, o, from, to, a);
            case CLAMP -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).max(a).min(b).intoArray(o, i);
                for (; i < to; i++) o[i] = Math.min(Math.max(x[i], a), b);
            }
            case ADD -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).add(a).intoArray(o, i);
                for (; i < to; i++) o[i] = x[i] + a;
            }
            case SUBTRACT_FROM -> {
                FloatVector av = FloatVector.broadcast(S, a);
                for (; i < bound; i += L) av.sub(FloatVector.fromArray(S, x, i)).intoArray(o, i);
                for (; i < to; i++) o[i] = a - x[i];
            }
            case MULTIPLY -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).mul(a).intoArray(o, i);
                for (; i < to; i++) o[i] = x[i] * a;
            }
            case DIVIDE -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).div(a).intoArray(o, i);
                for (; i < to; i++) o[i] = x[i] / a;
            }
            case DIVIDE_INTO -> {
                FloatVector av = FloatVector.broadcast(S, a);
                for (; i < bound; i += L) av.div(FloatVector.fromArray(S, x, i)).intoArray(o, i);
                for (; i < to; i++) o[i] = a / x[i];
            }
            case AFFINE -> {
                for (; i < bound; i += L) FloatVector.fromArray(S, x, i).mul(a).add(b).intoArray(o, i);
                for (; i < to; i++) o[i] = a * x[i] + b;
            }
            case EQ -> compare(VectorOperators.EQ, x, o, i, bound, to, a);
            case NE -> compare(VectorOperators.NE, x, o, i, bound, to, a);
            case LT -> compare(VectorOperators.LT, x, o, i, bound, to, a);
            case LE -> compare(VectorOperators.LE, x, o, i, bound, to, a);
            case GT -> compare(VectorOperators.GT, x, o, i, bound, to, a);
            case GE -> compare(VectorOperators.GE, x, o, i, bound, to, a);
        }
    }

    /** The scalar tail of a transcendental op: one masked vector, so that tails get the same polynomial. */
    private static void tail(UnaryOp op, float[] x, float[] o, int from, int to, float a, float b) {
        VectorMask<Float> m = S.indexInRange(from, to);
        FloatVector v = FloatVector.fromArray(S, x, from, m);
        FloatVector r = switch (op) {
            case EXP -> VectorMath.exp(v);
            case LOG -> VectorMath.log(v);
            case TANH -> VectorMath.tanh(v);
            case SIGMOID -> VectorMath.sigmoid(v);
            default -> throw new IllegalArgumentException(op.name());
        };
        r.intoArray(o, from, m);
    }

    private static FloatVector sign(FloatVector v) {
        // +-0 and NaN stay as they are; everything else becomes +-1
        return v.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.compare(VectorOperators.LT, 0f));
    }

    private static void compare(VectorOperators.Comparison c, float[] x, float[] o, int i, int bound, int to,
                                float a) {
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += L) {
            zero.blend(1f, FloatVector.fromArray(S, x, i).compare(c, a)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = compare(c, x[i], a) ? 1f : 0f;
        }
    }

    private static boolean compare(VectorOperators.Comparison c, float x, float y) {
        if (c == VectorOperators.EQ) return x == y;
        if (c == VectorOperators.NE) return x != y;
        if (c == VectorOperators.LT) return x < y;
        if (c == VectorOperators.LE) return x <= y;
        if (c == VectorOperators.GT) return x > y;
        return x >= y;
    }

    private static void pow(float[] x, float[] o, int from, int to, float a) {
        if (a == 2f) {
            unary(UnaryOp.SQUARE, x, o, from, to, 0f, 0f);
        } else if (a == 1f) {
            if (x != o) System.arraycopy(x, from, o, from, to - from);
        } else {
            for (int i = from; i < to; i++) o[i] = (float) Math.pow(x[i], a);
        }
    }

    /**
     * {@code o[oo + i] = x[xo + i] op y[yo + i]} for {@code i < n}, both operands contiguous.
     */
    static void binary(BinaryOp op, float[] x, int xo, float[] y, int yo, float[] o, int oo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += L) v(x, xo + i).add(v(y, yo + i)).intoArray(o, oo + i);
                for (; i < n; i++) o[oo + i] = x[xo + i] + y[yo + i];
            }
            case SUB -> {
                for (; i < bound; i += L) v(x, xo + i).sub(v(y, yo + i)).intoArray(o, oo + i);
                for (; i < n; i++) o[oo + i] = x[xo + i] - y[yo + i];
            }
            case MUL -> {
                for (; i < bound; i += L) v(x, xo + i).mul(v(y, yo + i)).intoArray(o, oo + i);
                for (; i < n; i++) o[oo + i] = x[xo + i] * y[yo + i];
            }
            case DIV -> {
                for (; i < bound; i += L) v(x, xo + i).div(v(y, yo + i)).intoArray(o, oo + i);
                for (; i < n; i++) o[oo + i] = x[xo + i] / y[yo + i];
            }
            case POW -> {
                for (; i < n; i++) o[oo + i] = (float) Math.pow(x[xo + i], y[yo + i]);
            }
            case MAXIMUM -> {
                for (; i < bound; i += L) v(x, xo + i).max(v(y, yo + i)).intoArray(o, oo + i);
                for (; i < n; i++) o[oo + i] = Math.max(x[xo + i], y[yo + i]);
            }
            case MINIMUM -> {
                for (; i < bound; i += L) v(x, xo + i).min(v(y, yo + i)).intoArray(o, oo + i);
                for (; i < n; i++) o[oo + i] = Math.min(x[xo + i], y[yo + i]);
            }
            case EQ -> compare(VectorOperators.EQ, x, xo, y, yo, o, oo, n);
            case NE -> compare(VectorOperators.NE, x, xo, y, yo, o, oo, n);
            case LT -> compare(VectorOperators.LT, x, xo, y, yo, o, oo, n);
            case LE -> compare(VectorOperators.LE, x, xo, y, yo, o, oo, n);
            case GT -> compare(VectorOperators.GT, x, xo, y, yo, o, oo, n);
            case GE -> compare(VectorOperators.GE, x, xo, y, yo, o, oo, n);
        }
    }

    private static FloatVector v(float[] a, int offset) {
        return FloatVector.fromArray(S, a, offset);
    }

    private static void compare(VectorOperators.Comparison c, float[] x, int xo, float[] y, int yo, float[] o, int oo,
                                int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            zero.blend(1f, v(x, xo + i).compare(c, v(y, yo + i))).intoArray(o, oo + i);
        }
        for (; i < n; i++) {
            o[oo + i] = compare(c, x[xo + i], y[yo + i]) ? 1f : 0f;
        }
    }

    /**
     * The unary op equal to {@code x op s} (scalar on the right, {@code scalarLeft == false}) or {@code s op x},
     * or null when there is none (POW with a scalar base). Exact: every pair is the same IEEE operation.
     */
    static UnaryOp withScalar(BinaryOp op, boolean scalarLeft) {
        return switch (op) {
            case ADD -> UnaryOp.ADD;
            case SUB -> scalarLeft ? UnaryOp.SUBTRACT_FROM : null;
            case MUL -> UnaryOp.MULTIPLY;
            case DIV -> scalarLeft ? UnaryOp.DIVIDE_INTO : UnaryOp.DIVIDE;
            case POW -> scalarLeft ? null : UnaryOp.POW;
            case MAXIMUM, MINIMUM -> UnaryOp.CLAMP;
            case EQ -> UnaryOp.EQ;
            case NE -> UnaryOp.NE;
            case LT -> scalarLeft ? UnaryOp.GT : UnaryOp.LT;
            case LE -> scalarLeft ? UnaryOp.GE : UnaryOp.LE;
            case GT -> scalarLeft ? UnaryOp.LT : UnaryOp.GT;
            case GE -> scalarLeft ? UnaryOp.LE : UnaryOp.GE;
        };
    }

    /** {@code o[i] = x[i] op s} or {@code s op x[i]} over {@code [from, to)} via {@link #withScalar}. */
    static void binaryScalar(BinaryOp op, boolean scalarLeft, float[] x, float s, float[] o, int from, int to) {
        UnaryOp u = withScalar(op, scalarLeft);
        if (op == BinaryOp.SUB && !scalarLeft) {
            // x - s: subtraction is exactly addition of the negation in IEEE arithmetic
            unary(UnaryOp.ADD, x, o, from, to, -s, 0f);
        } else if (op == BinaryOp.MAXIMUM) {
            unary(UnaryOp.CLAMP, x, o, from, to, s, Float.POSITIVE_INFINITY);
        } else if (op == BinaryOp.MINIMUM) {
            unary(UnaryOp.CLAMP, x, o, from, to, Float.NEGATIVE_INFINITY, s);
        } else if (u != null) {
            unary(u, x, o, from, to, s, 0f);
        } else {
            for (int i = from; i < to; i++) o[i] = (float) Math.pow(s, x[i]);
        }
    }

    /**
     * {@code y[yo + i] += alpha * x[xo + i]} for {@code i < n}, with one FMA per element.
     *
     * <p>When both runs start at the same offset (the backend's axpy and its parallel chunks) this is a plain loop
     * on purpose: C2 auto-vectorises it (FmaVF), unrolls it and peels a pre-loop that aligns the stores, which the
     * explicit {@code FloatVector} loop does not get. Measured side by side at n = 4096 (one thread, best of 400
     * batches): 0.16-0.24 us for the plain loop against 0.16-0.31 us for the one-vector-per-step loop and 0.30-0.34
     * us for a four-way unrolled one; in JMH the vector loop was 1.5-1.8x slower than the scalar backend's plain loop
     * (bench/README.md). With different offsets (gemv on a transposed matrix) C2 cannot rule out an overlap and
     * leaves the plain loop scalar (measured 6-8x slower), so that case keeps the explicit vector loop.
     */
    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        if (xo != yo) {
            FloatVector av = FloatVector.broadcast(S, alpha);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                av.fma(FloatVector.fromArray(S, x, xo + i), FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }
}
