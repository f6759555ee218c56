package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Reductions, dot products and softmax over contiguous runs and strided axes.
 *
 * <p>Accumulation: a contiguous sum or dot product keeps four independent vector accumulators of float lanes
 * (4 x {@link VectorShapes#LANES} partial sums, each adding every 4·LANES-th element), adds them lane by lane
 * after the loop and reduces the lanes once, in the fixed order of {@link LaneSums} (never
 * {@code reduceLanes(ADD)}, whose order changes when C2 compiles the kernel); the scalar tail is added last. Long runs are cut into fixed blocks of
 * {@link #BLOCK} elements whose float partial sums are combined in double, so the result does not depend on the
 * thread count. A sum along a strided axis accumulates each output in one float lane in index order.
 * Stateless and thread-safe.
 */
final class Reductions {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;
    private static final int L = VectorShapes.LANES;
    /** Block length of long sums and dot products (also the unit of parallel work). */
    static final int BLOCK = 1 << 16;

    private Reductions() {
    }

    /** Sum of {@code x[from, to)} in float lanes with four accumulators. */
    static float sum(float[] x, int from, int to) {
        int n = to - from;
        int i = from;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int bound = from + (n & -(4 * L)); i < bound; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, x, i));
            a1 = a1.add(FloatVector.fromArray(S, x, i + L));
            a2 = a2.add(FloatVector.fromArray(S, x, i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, x, i + 3 * L));
        }
        for (int bound = from + S.loopBound(n); i < bound; i += L) {
            a0 = a0.add(FloatVector.fromArray(S, x, i));
        }
        float s = LaneSums.sum(a0.add(a1).add(a2.add(a3)));
        for (; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    /** Dot product of {@code x[xo, xo+n)} and {@code y[yo, yo+n)} with four FMA accumulators. */
    static float dot(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int bound = n & -(4 * L); i < bound; i += 4 * L) {
            a0 = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), a0);
            a1 = FloatVector.fromArray(S, x, xo + i + L).fma(FloatVector.fromArray(S, y, yo + i + L), a1);
            a2 = FloatVector.fromArray(S, x, xo + i + 2 * L).fma(FloatVector.fromArray(S, y, yo + i + 2 * L), a2);
            a3 = FloatVector.fromArray(S, x, xo + i + 3 * L).fma(FloatVector.fromArray(S, y, yo + i + 3 * L), a3);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            a0 = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), a0);
        }
        float s = LaneSums.sum(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            s = Math.fma(x[xo + i], y[yo + i], s);
        }
        return s;
    }

    /** Dot product of strided runs (scalar: used for matrix-vector products on transposed operands only). */
    static float dotStrided(float[] x, int xo, int xs, float[] y, int yo, int ys, int n) {
        float s0 = 0f, s1 = 0f;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            s0 = Math.fma(x[xo + i * xs], y[yo + i * ys], s0);
            s1 = Math.fma(x[xo + (i + 1) * xs], y[yo + (i + 1) * ys], s1);
        }
        if (i < n) {
            s0 = Math.fma(x[xo + i * xs], y[yo + i * ys], s0);
        }
        return s0 + s1;
    }

    /** Max ({@code max == true}) or min of {@code x[from, to)}, NaN if any element is NaN. */
    static float extreme(float[] x, int from, int to, boolean max) {
        int n = to - from;
        int i = from;
        float r = x[from];
        if (n >= 2 * L) {
            FloatVector a0 = FloatVector.fromArray(S, x, from), a1 = a0;
            int bound = from + (n & -(2 * L));
            if (max) {
                for (; i < bound; i += 2 * L) {
                    a0 = a0.max(FloatVector.fromArray(S, x, i));
                    a1 = a1.max(FloatVector.fromArray(S, x, i + L));
                }
            } else {
                for (; i < bound; i += 2 * L) {
                    a0 = a0.min(FloatVector.fromArray(S, x, i));
                    a1 = a1.min(FloatVector.fromArray(S, x, i + L));
                }
            }
            FloatVector a = max ? a0.max(a1) : a0.min(a1);
            // a lane fold by hand keeps Math.max's NaN propagation explicit
            for (int lane = 0; lane < L; lane++) {
                float v = a.lane(lane);
                r = max ? Math.max(r, v) : Math.min(r, v);
            }
        }
        for (; i < to; i++) {
            r = max ? Math.max(r, x[i]) : Math.min(r, x[i]);
        }
        return r;
    }

    /** Index (relative to {@code from}) of the first max/min of {@code x[from, to)}, or of the first NaN. */
    static int argExtreme(float[] x, int from, int to, boolean max) {
        float target = extreme(x, from, to, max);
        boolean nan = Float.isNaN(target);
        for (int i = from; i < to; i++) {
            float v = x[i];
            if (nan ? v != v : v == target) {
                return i - from;
            }
        }
        return 0;
    }

    /**
     * {@code out[o·inner + j] = op over k of x[(o·length + k)·inner + j]} for outer rows {@code [oFrom, oTo)}.
     */
    static void reduceRows(ReduceOp op, float[] x, int oFrom, int oTo, int length, int inner, float[] out) {
        if (inner == 1) {
            for (int o = oFrom; o < oTo; o++) {
                int from = o * length;
                int to = from + length;
                out[o] = switch (op) {
                    case SUM -> (float) sumBlocked(x, from, to);
                    case MEAN -> (float) (sumBlocked(x, from, to) / length);
                    case MAX -> extreme(x, from, to, true);
                    case MIN -> extreme(x, from, to, false);
                    case ARGMAX -> argExtreme(x, from, to, true);
                    case ARGMIN -> argExtreme(x, from, to, false);
                };
            }
            return;
        }
        for (int o = oFrom; o < oTo; o++) {
            reduceStrided(op, x, o * length * inner, length, inner, out, o * inner);
        }
    }

    /** Sum of {@code x[from, to)} in blocks of {@link #BLOCK}, the block sums added in double. */
    static double sumBlocked(float[] x, int from, int to) {
        double s = 0;
        for (int b = from; b < to; b += BLOCK) {
            s += sum(x, b, Math.min(to, b + BLOCK));
        }
        return s;
    }

    /** Reduces {@code length} rows of {@code inner} elements starting at {@code base}, vectorised across rows. */
    private static void reduceStrided(ReduceOp op, float[] x, int base, int length, int inner, float[] out, int oo) {
        switch (op) {
            case SUM, MEAN -> {
                int j = 0;
                for (int bound = S.loopBound(inner); j < bound; j += L) {
                    FloatVector acc = FloatVector.fromArray(S, x, base + j);
                    for (int k = 1; k < length; k++) {
                        acc = acc.add(FloatVector.fromArray(S, x, base + k * inner + j));
                    }
                    if (op == ReduceOp.MEAN) {
                        acc = acc.div(length);
                    }
                    acc.intoArray(out, oo + j);
                }
                for (; j < inner; j++) {
                    float s = x[base + j];
                    for (int k = 1; k < length; k++) {
                        s += x[base + k * inner + j];
                    }
                    out[oo + j] = op == ReduceOp.MEAN ? s / length : s;
                }
            }
            case MAX, MIN -> {
                // Constant operators only: a VectorOperators value chosen at run time is not intrinsified and made
                // max along axis 0 slower than the scalar backend (bench, 2026-11-28).
                boolean max = op == ReduceOp.MAX;
                int j = 0;
                for (int bound = S.loopBound(inner); j < bound; j += L) {
                    FloatVector acc = FloatVector.fromArray(S, x, base + j);
                    if (max) {
                        for (int k = 1; k < length; k++) {
                            acc = acc.max(FloatVector.fromArray(S, x, base + k * inner + j));
                        }
                    } else {
                        for (int k = 1; k < length; k++) {
                            acc = acc.min(FloatVector.fromArray(S, x, base + k * inner + j));
                        }
                    }
                    acc.intoArray(out, oo + j);
                }
                for (; j < inner; j++) {
                    float r = x[base + j];
                    for (int k = 1; k < length; k++) {
                        float v = x[base + k * inner + j];
                        r = op == ReduceOp.MAX ? Math.max(r, v) : Math.min(r, v);
                    }
                    out[oo + j] = r;
                }
            }
            case ARGMAX, ARGMIN -> {
                boolean max = op == ReduceOp.ARGMAX;
                for (int j = 0; j < inner; j++) {
                    float best = x[base + j];
                    int index = 0;
                    for (int k = 1; k < length && best == best; k++) {
                        float v = x[base + k * inner + j];
                        if (v != v || (max ? v > best : v < best)) {
                            best = v;
                            index = k;
                        }
                    }
                    out[oo + j] = index;
                }
            }
        }
    }

    /** Softmax (or log-softmax) of outer rows {@code [oFrom, oTo)} of an {@code [outer, length, inner]} view. */
    static void softmaxRows(float[] x, int oFrom, int oTo, int length, int inner, float[] out, boolean log) {
        if (inner == 1) {
            for (int o = oFrom; o < oTo; o++) {
                softmaxContiguous(x, o * length, length, out, log);
            }
            return;
        }
        float[] max = new float[inner];
        float[] sum = new float[inner];
        for (int o = oFrom; o < oTo; o++) {
            softmaxStrided(x, o * length * inner, length, inner, out, log, max, sum);
        }
    }

    private static void softmaxContiguous(float[] x, int from, int n, float[] out, boolean log) {
        int to = from + n;
        float max = extreme(x, from, to, true);
        FloatVector mv = FloatVector.broadcast(S, max);
        FloatVector a0 = FloatVector.zero(S), a1 = a0;
        int i = from;
        int bound2 = from + (n & -(2 * L));
        int bound = from + S.loopBound(n);
        if (log) {
            for (; i < bound2; i += 2 * L) {
                a0 = a0.add(VectorMath.exp(FloatVector.fromArray(S, x, i).sub(mv)));
                a1 = a1.add(VectorMath.exp(FloatVector.fromArray(S, x, i + L).sub(mv)));
            }
            for (; i < bound; i += L) {
                a0 = a0.add(VectorMath.exp(FloatVector.fromArray(S, x, i).sub(mv)));
            }
        } else {
            for (; i < bound2; i += 2 * L) {
                FloatVector e0 = VectorMath.exp(FloatVector.fromArray(S, x, i).sub(mv));
                FloatVector e1 = VectorMath.exp(FloatVector.fromArray(S, x, i + L).sub(mv));
                e0.intoArray(out, i);
                e1.intoArray(out, i + L);
                a0 = a0.add(e0);
                a1 = a1.add(e1);
            }
            for (; i < bound; i += L) {
                FloatVector e0 = VectorMath.exp(FloatVector.fromArray(S, x, i).sub(mv));
                e0.intoArray(out, i);
                a0 = a0.add(e0);
            }
        }
        float s = LaneSums.sum(a0.add(a1));
        if (i < to) {
            var m = S.indexInRange(i, to);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, i, m).sub(mv));
            e = FloatVector.zero(S).blend(e, m);
            if (!log) {
                e.intoArray(out, i, m);
            }
            s += LaneSums.sum(e);
        }
        if (log) {
            // (x - max) - log(sum), in this order: x - max is exact near the maximum, where the result is small
            float logSum = (float) Math.log(s);
            int j = from;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, x, j).sub(mv).sub(logSum).intoArray(out, j);
            }
            for (; j < to; j++) {
                out[j] = (x[j] - max) - logSum;
            }
        } else {
            Elementwise.unary(UnaryOp.MULTIPLY, out, out, from, to, 1f / s, 0f);
        }
    }

    private static void softmaxStrided(float[] x, int base, int length, int inner, float[] out, boolean log,
                                       float[] max, float[] sum) {
        System.arraycopy(x, base, max, 0, inner);
        for (int k = 1; k < length; k++) {
            Elementwise.binary(BinaryOp.MAXIMUM, max, 0, x, base + k * inner, max, 0, inner);
        }
        Arrays.fill(sum, 0f);
        int vb = S.loopBound(inner);
        for (int k = 0; k < length; k++) {
            int row = base + k * inner;
            int j = 0;
            for (; j < vb; j += L) {
                FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, row + j)
                        .sub(FloatVector.fromArray(S, max, j)));
                if (!log) {
                    e.intoArray(out, row + j);
                }
                FloatVector.fromArray(S, sum, j).add(e).intoArray(sum, j);
            }
            for (; j < inner; j++) {
                float e = (float) Math.exp(x[row + j] - max[j]);
                if (!log) {
                    out[row + j] = e;
                }
                sum[j] += e;
            }
        }
        for (int j = 0; j < inner; j++) {
            sum[j] = log ? (float) Math.log(sum[j]) : 1f / sum[j];
        }
        for (int k = 0; k < length; k++) {
            int row = base + k * inner;
            if (log) {
                Elementwise.binary(BinaryOp.SUB, x, row, max, 0, out, row, inner);
                Elementwise.binary(BinaryOp.SUB, out, row, sum, 0, out, row, inner);
            } else {
                Elementwise.binary(BinaryOp.MUL, out, row, sum, 0, out, row, inner);
            }
        }
    }
}
