package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Reductions and softmax along the middle axis of an {@code [outer, length, inner]} view. Op codes are
 * {@link dev.descent.spi.ReduceOp} ordinals: 0 SUM, 1 MEAN, 2 MAX, 3 MIN, 4 ARGMAX, 5 ARGMIN.
 *
 * <p>Two strategies. Many outputs: one thread per output walks its line ({@link #lines}). Few, long lines: the
 * line is split over work-groups of {@value #GROUP} threads; each group reduces its share in local memory to one
 * partial in the arena's scratch space ({@link #partials}), and a single work-group reduces the partials
 * ({@link #finish}). TornadoVM's {@code @Reduce} was not used: on PoCL it gave wrong sums once an input spanned
 * more than one work-group. Sums use Kahan compensation per thread and a pairwise tree across threads, so float
 * accumulation stays close to the float64 reference for long lines. Arg and extreme reductions carry
 * (value, index) pairs and prefer the lower index on ties, and NaN over anything, as {@code torch.argmax} does.
 */
final class ReductionKernels {
    static final int GROUP = 256;
    /** The most partials pass one writes; pass two reduces them with one work-group. */
    static final int MAX_GROUPS = 1024;
    /** Index of an empty accumulator (a thread with no element). */
    static final int ABSENT = 2147483647;

    private ReductionKernels() {
    }

    /** Whether (candidate, ci) replaces (best, bi) for extreme op 2..5. */
    static boolean replaces(int op, float candidate, int ci, float best, int bi) {
        boolean result;
        if (ci == ABSENT) {
            result = false;
        } else if (bi == ABSENT) {
            result = true;
        } else {
            boolean candidateNaN = candidate != candidate;
            boolean bestNaN = best != best;
            if (candidateNaN || bestNaN) {
                result = candidateNaN && bestNaN ? ci < bi : candidateNaN;
            } else if (candidate == best) {
                result = ci < bi;
            } else if (op == 2 || op == 4) {
                result = candidate > best;
            } else {
                result = candidate < best;
            }
        }
        return result;
    }

    /** p: [op, xOffset, outer, length, inner, outOffset]; one thread per output. */
    static void lines(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int t = ctx.globalIdx;
        if (t < p.get(2) * p.get(4)) {
            lineAt(m, p, 0, t);
        }
    }

    /** Output t of {@link #lines} with its parameters at {@code p[q..]} (shared with plans). */
    static void lineAt(FloatArray m, IntArray p, int q, int t) {
        int inner = p.get(q + 4);
        int op = p.get(q);
        int length = p.get(q + 3);
        int o = t / inner;
        int j = t - o * inner;
        int base = p.get(q + 1) + o * length * inner + j;
        float result;
        if (op <= 1) {
            float sum = 0f;
            float compensation = 0f;
            for (int k = 0; k < length; k++) {
                float y = m.get(base + k * inner) - compensation;
                float s = sum + y;
                compensation = (s - sum) - y;
                sum = s;
            }
            result = op == 0 ? sum : sum / length;
        } else {
            float best = m.get(base);
            int bestIndex = 0;
            for (int k = 1; k < length; k++) {
                float v = m.get(base + k * inner);
                if (replaces(op, v, k, best, bestIndex)) {
                    best = v;
                    bestIndex = k;
                }
            }
            result = op >= 4 ? (float) bestIndex : best;
        }
        m.set(p.get(q + 5) + t, result);
    }

    /**
     * Pass one over a single line. p: [op, base, length, stride, scratch, groups]; global size groups·GROUP.
     * Writes the value of group g to m[scratch + g] and its index to m[scratch + MAX_GROUPS + g].
     */
    static void partials(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        float[] values = ctx.allocateFloatLocalArray(GROUP);
        int[] indices = ctx.allocateIntLocalArray(GROUP);
        int op = p.get(0);
        int base = p.get(1);
        int length = p.get(2);
        int stride = p.get(3);
        int step = p.get(5) * GROUP;
        int lid = ctx.localIdx;
        float acc = 0f;
        float compensation = 0f;
        int accIndex = ABSENT;
        for (int k = ctx.globalIdx; k < length; k += step) {
            float v = m.get(base + k * stride);
            if (op <= 1) {
                float y = v - compensation;
                float s = acc + y;
                compensation = (s - acc) - y;
                acc = s;
            } else if (replaces(op, v, k, acc, accIndex)) {
                acc = v;
                accIndex = k;
            }
        }
        values[lid] = acc;
        indices[lid] = accIndex;
        ctx.localBarrier();
        for (int s = GROUP / 2; s > 0; s = s / 2) {
            if (lid < s) {
                if (op <= 1) {
                    values[lid] = values[lid] + values[lid + s];
                } else if (replaces(op, values[lid + s], indices[lid + s], values[lid], indices[lid])) {
                    values[lid] = values[lid + s];
                    indices[lid] = indices[lid + s];
                }
            }
            ctx.localBarrier();
        }
        if (lid == 0) {
            int scratch = p.get(4);
            m.set(scratch + ctx.groupIdx, values[0]);
            m.set(scratch + MAX_GROUPS + ctx.groupIdx, (float) indices[0]);
        }
    }

    /** Pass two: one work-group reduces the partials. p as in {@link #partials} plus p6 = outOffset. */
    static void finish(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        float[] values = ctx.allocateFloatLocalArray(GROUP);
        int[] indices = ctx.allocateIntLocalArray(GROUP);
        int op = p.get(0);
        int groups = p.get(5);
        int scratch = p.get(4);
        int lid = ctx.localIdx;
        float acc = 0f;
        int accIndex = ABSENT;
        for (int g = lid; g < groups; g += GROUP) {
            float v = m.get(scratch + g);
            int index = (int) m.get(scratch + MAX_GROUPS + g);
            if (op <= 1) {
                acc = acc + v;
            } else if (replaces(op, v, index, acc, accIndex)) {
                acc = v;
                accIndex = index;
            }
        }
        values[lid] = acc;
        indices[lid] = accIndex;
        ctx.localBarrier();
        for (int s = GROUP / 2; s > 0; s = s / 2) {
            if (lid < s) {
                if (op <= 1) {
                    values[lid] = values[lid] + values[lid + s];
                } else if (replaces(op, values[lid + s], indices[lid + s], values[lid], indices[lid])) {
                    values[lid] = values[lid + s];
                    indices[lid] = indices[lid + s];
                }
            }
            ctx.localBarrier();
        }
        if (lid == 0) {
            // Written as a chain of single tests: a three-way || here compiled wrongly for MIN on PoCL.
            float result = values[0];
            if (op == 1) {
                result = values[0] / p.get(2);
            } else if (op >= 4) {
                result = (float) indices[0];
            }
            m.set(p.get(6), result);
        }
    }

    /**
     * Softmax or log-softmax, one thread per line. p: [xOffset, outOffset, outer, length, inner, log].
     * The line's maximum is subtracted first; a line of -inf uses 0 (giving NaN, as PyTorch does).
     */
    static void softmax(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int t = ctx.globalIdx;
        if (t < p.get(2) * p.get(4)) {
            softmaxAt(m, p, 0, t);
        }
    }

    /** Line t of {@link #softmax} with its parameters at {@code p[q..]} (shared with plans). */
    static void softmaxAt(FloatArray m, IntArray p, int q, int t) {
        int inner = p.get(q + 4);
        int length = p.get(q + 3);
        int o = t / inner;
        int j = t - o * inner;
        int offset = o * length * inner + j;
        int x = p.get(q) + offset;
        int out = p.get(q + 1) + offset;
        float max = m.get(x);
        for (int k = 1; k < length; k++) {
            float v = m.get(x + k * inner);
            max = (v > max || v != v) ? v : max;
        }
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0f;
        }
        float sum = 0f;
        float compensation = 0f;
        for (int k = 0; k < length; k++) {
            float y = TornadoMath.exp(m.get(x + k * inner) - max) - compensation;
            float s = sum + y;
            compensation = (s - sum) - y;
            sum = s;
        }
        if (p.get(q + 5) != 0) {
            float logSum = TornadoMath.log(sum) + max;
            for (int k = 0; k < length; k++) {
                m.set(out + k * inner, m.get(x + k * inner) - logSum);
            }
        } else {
            for (int k = 0; k < length; k++) {
                m.set(out + k * inner, TornadoMath.exp(m.get(x + k * inner) - max) / sum);
            }
        }
    }
}
