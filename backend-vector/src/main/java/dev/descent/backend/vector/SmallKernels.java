package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.UnaryOp;

/**
 * Plain-loop kernels for small operands, which {@link VectorBackend} runs instead of the Vector API kernels below
 * {@link #ELEMENTS} elements (and GEMMs below {@link #GEMM_MULTIPLY_ADDS}).
 *
 * <h2>Why</h2>
 * Vector API code runs 100-1000x slower than compiled code until C2 has compiled it (each vector operation is a
 * call and an allocation in the interpreter and in C1 code), and a short job (a CLI run on a thousand rows, a
 * model refit, a test) ends before that: the vector backend lost to the scalar one on all of them (issue 20). Plain
 * loops are fast from the first call: C1 compiles them within milliseconds and C2 later auto-vectorises the simple
 * ones. On small operands the Vector API's compiled advantage is a fraction of a microsecond per call.
 *
 * <h2>Same results</h2>
 * The choice depends on the operand size only, never on timing, so runs stay bit-identical under any JIT state.
 * Elementwise ops give the same bits as the vector kernels (IEEE operations lane by lane; transcendentals through
 * {@link ScalarMath}, the polynomials' one-float twins); strided sums and max/min reductions as well (each output
 * accumulates in index order either way). Contiguous sums keep {@link #PARTIALS} partial sums; each GEMM element
 * is one float FMA chain over k in index order, then {@code alpha·t}, plus {@code beta·c} with an FMA: fixed
 * functions of the size, like the vector kernels' blocked orders, and within their error bounds. Loops run over
 * contiguous data with independent iterations where they can, so that C2, once it compiles them, vectorises them
 * (long jobs on small tensors do not fall back to scalar speed).
 *
 * <h2>Thresholds</h2>
 * {@link #ELEMENTS} is {@code 256 · LANES} (4096 floats, 16 KiB, with 512-bit vectors; 2048 with AVX2): derived
 * from the vector shape, not measured, and overridable with {@code -Ddescent.vector.smallElements=N} (0 turns the
 * small kernels off). GEMMs go small when {@code k <= KC} and {@code m·n·k} is at most the multiply-adds of one
 * packed micro-kernel slice ({@code MR · NR · KC}), below which packing cannot pay back. Stateless, thread-safe.
 */
final class SmallKernels {
    /** Operands of at most this many elements take the plain loops. */
    static final int ELEMENTS = Integer.getInteger("descent.vector.smallElements", 256 * VectorShapes.LANES);
    /** GEMMs of at most this many multiply-adds (and {@code k <= KC}) take the plain loop. */
    static final long GEMM_MULTIPLY_ADDS = ELEMENTS == 0 ? 0 : (long) Gemm.MR * Gemm.NR * Gemm.KC;
    /** Whether transcendentals may take the scalar twins (not with the lanewise operators, see {@link ScalarMath}). */
    private static final boolean TRANSCENDENTALS = !VectorMath.LANEWISE;

    private SmallKernels() {
    }

    /** Whether an elementwise or reduction operand of {@code length} elements takes the plain loops. */
    static boolean small(long length) {
        return length <= ELEMENTS;
    }

    /** Whether {@link #unary} handles {@code op} with the same bits as the vector kernel. */
    static boolean handles(UnaryOp op) {
        return TRANSCENDENTALS || !Elementwise.isExpensive(op) || op == UnaryOp.POW;
    }

    /** Whether a GEMM of this shape takes {@link #gemm}. */
    static boolean smallGemm(int m, int n, int k) {
        return k <= Gemm.KC && (long) m * n * k <= GEMM_MULTIPLY_ADDS;
    }

    /** {@code o[i] = op(x[i]; a, b)} for {@code i} in {@code [from, to)}, as {@link Elementwise#unary}. */
    static void unary(UnaryOp op, float[] x, float[] o, int from, int to, float a, float b) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) o[i] = -x[i]; }
            case ABS -> { for (int i = from; i < to; i++) o[i] = Math.abs(x[i]); }
            case SIGN -> { for (int i = from; i < to; i++) o[i] = Math.signum(x[i]); }
            case EXP -> { for (int i = from; i < to; i++) o[i] = ScalarMath.exp(x[i]); }
            case LOG -> { for (int i = from; i < to; i++) o[i] = ScalarMath.log(x[i]); }
            case TANH -> { for (int i = from; i < to; i++) o[i] = ScalarMath.tanh(x[i]); }
            case SIGMOID -> { for (int i = from; i < to; i++) o[i] = ScalarMath.sigmoid(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) o[i] = (float) Math.sqrt(x[i]); }
            case SQUARE -> { for (int i = from; i < to; i++) o[i] = x[i] * x[i]; }
            case RECIPROCAL -> { for (int i = from; i < to; i++) o[i] = 1f / x[i]; }
            case RELU -> { for (int i = from; i < to; i++) o[i] = Math.max(x[i], 0f); }
            case LEAKY_RELU -> { for (int i = from; i < to; i++) o[i] = x[i] > 0f ? x[i] : x[i] * a; }
            case POW -> {
                if (a == 2f) {
                    for (int i = from; i < to; i++) o[i] = x[i] * x[i];
                } else if (a == 1f) {
                    if (x != o) System.arraycopy(x, from, o, from, to - from);
                } else {
                    for (int i = from; i < to; i++) o[i] = (float) Math.pow(x[i], a);
                }
            }
            case CLAMP -> { for (int i = from; i < to; i++) o[i] = Math.min(Math.max(x[i], a), b); }
            case ADD -> { for (int i = from; i < to; i++) o[i] = x[i] + a; }
            case SUBTRACT_FROM -> { for (int i = from; i < to; i++) o[i] = a - x[i]; }
            case MULTIPLY -> { for (int i = from; i < to; i++) o[i] = x[i] * a; }
            case DIVIDE -> { for (int i = from; i < to; i++) o[i] = x[i] / a; }
            case DIVIDE_INTO -> { for (int i = from; i < to; i++) o[i] = a / x[i]; }
            case AFFINE -> { for (int i = from; i < to; i++) o[i] = x[i] * a + b; }
            case EQ -> { for (int i = from; i < to; i++) o[i] = x[i] == a ? 1f : 0f; }
            case NE -> { for (int i = from; i < to; i++) o[i] = x[i] != a ? 1f : 0f; }
            case LT -> { for (int i = from; i < to; i++) o[i] = x[i] < a ? 1f : 0f; }
            case LE -> { for (int i = from; i < to; i++) o[i] = x[i] <= a ? 1f : 0f; }
            case GT -> { for (int i = from; i < to; i++) o[i] = x[i] > a ? 1f : 0f; }
            case GE -> { for (int i = from; i < to; i++) o[i] = x[i] >= a ? 1f : 0f; }
        }
    }

    /** {@code o[oo + i] = x[xo + i] op y[yo + i]} for {@code i < n}, as {@link Elementwise#binary}. */
    static void binary(BinaryOp op, float[] x, int xo, float[] y, int yo, float[] o, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] + y[yo + i]; }
            case SUB -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] - y[yo + i]; }
            case MUL -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] * y[yo + i]; }
            case DIV -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] / y[yo + i]; }
            case POW -> { for (int i = 0; i < n; i++) o[oo + i] = (float) Math.pow(x[xo + i], y[yo + i]); }
            case MAXIMUM -> { for (int i = 0; i < n; i++) o[oo + i] = Math.max(x[xo + i], y[yo + i]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) o[oo + i] = Math.min(x[xo + i], y[yo + i]); }
            case EQ -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] == y[yo + i] ? 1f : 0f; }
            case NE -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] != y[yo + i] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] < y[yo + i] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] <= y[yo + i] ? 1f : 0f; }
            case GT -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] > y[yo + i] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] >= y[yo + i] ? 1f : 0f; }
        }
    }

    /** {@code o[i] = x[i] op s} or {@code s op x[i]} over {@code [from, to)}, as {@link Elementwise#binaryScalar}. */
    static void binaryScalar(BinaryOp op, boolean scalarLeft, float[] x, float s, float[] o, int from, int to) {
        UnaryOp u = Elementwise.withScalar(op, scalarLeft);
        if (op == BinaryOp.SUB && !scalarLeft) {
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
     * {@code out[o·inner + j] = op over k of x[(o·length + k)·inner + j]} for outer rows {@code [oFrom, oTo)}, as
     * {@link Reductions#reduceRows}. Along a strided axis ({@code inner > 1}) each output accumulates in index order
     * (the vector kernel's order, so the same bits), swept row by row so that C2 can vectorise across outputs. A
     * contiguous sum keeps {@link #PARTIALS} float partial sums (partial {@code q} adds elements {@code q},
     * {@code q + PARTIALS}, ...), added in order at the end, then the tail: a fixed order that is not a latency
     * chain and that C2 vectorises.
     */
    static void reduceRows(ReduceOp op, float[] x, int oFrom, int oTo, int length, int inner, float[] out) {
        for (int o = oFrom; o < oTo; o++) {
            int base = o * length * inner;
            if (inner == 1) {
                out[o] = contiguous(op, x, base, length);
            } else {
                strided(op, x, base, length, inner, out, o * inner);
            }
        }
    }

    /** Partial sums of a contiguous sum: four vectors' worth of lanes, as the vector kernel keeps. */
    static final int PARTIALS = 4 * VectorShapes.LANES;

    private static float contiguous(ReduceOp op, float[] x, int from, int n) {
        int to = from + n;
        switch (op) {
            case SUM, MEAN -> {
                float[] partial = new float[PARTIALS];
                int i = from;
                for (int bound = from + n - n % PARTIALS; i < bound; i += PARTIALS) {
                    for (int q = 0; q < PARTIALS; q++) partial[q] += x[i + q];
                }
                float s = 0f;
                for (float p : partial) s += p;
                for (; i < to; i++) s += x[i];
                return op == ReduceOp.MEAN ? s / n : s;
            }
            case MAX -> {
                float r = x[from];
                for (int i = from + 1; i < to; i++) r = Math.max(r, x[i]);
                return r;
            }
            case MIN -> {
                float r = x[from];
                for (int i = from + 1; i < to; i++) r = Math.min(r, x[i]);
                return r;
            }
            default -> {
                return argExtreme(op == ReduceOp.ARGMAX, x, from, n, 1);
            }
        }
    }

    private static void strided(ReduceOp op, float[] x, int base, int length, int inner, float[] out, int oo) {
        if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
            for (int j = 0; j < inner; j++) {
                out[oo + j] = argExtreme(op == ReduceOp.ARGMAX, x, base + j, length, inner);
            }
            return;
        }
        System.arraycopy(x, base, out, oo, inner);
        for (int k = 1; k < length; k++) {
            int row = base + k * inner;
            switch (op) {
                case SUM, MEAN -> { for (int j = 0; j < inner; j++) out[oo + j] += x[row + j]; }
                case MAX -> { for (int j = 0; j < inner; j++) out[oo + j] = Math.max(out[oo + j], x[row + j]); }
                default -> { for (int j = 0; j < inner; j++) out[oo + j] = Math.min(out[oo + j], x[row + j]); }
            }
        }
        if (op == ReduceOp.MEAN) {
            for (int j = 0; j < inner; j++) out[oo + j] /= length;
        }
    }

    /** Index of the first max/min of {@code length} elements {@code stride} apart, or of the first NaN. */
    private static int argExtreme(boolean max, float[] x, int first, int length, int stride) {
        float best = x[first];
        int index = 0;
        for (int k = 1; k < length && best == best; k++) {
            float v = x[first + k * stride];
            if (v != v || (max ? v > best : v < best)) {
                best = v;
                index = k;
            }
        }
        return index;
    }

    /** Softmax (or log-softmax) of outer rows {@code [oFrom, oTo)} of an {@code [outer, length, inner]} view. */
    static void softmaxRows(float[] x, int oFrom, int oTo, int length, int inner, float[] out, boolean log) {
        for (int o = oFrom; o < oTo; o++) {
            int base = o * length * inner;
            for (int j = 0; j < inner; j++) {
                int first = base + j;
                float max = x[first];
                for (int k = 1; k < length; k++) max = Math.max(max, x[first + k * inner]);
                float sum = 0f;
                for (int k = 0; k < length; k++) {
                    int i = first + k * inner;
                    float e = ScalarMath.exp(x[i] - max);
                    if (!log) out[i] = e;
                    sum += e;
                }
                if (log) {
                    float logSum = (float) Math.log(sum);
                    for (int k = 0; k < length; k++) {
                        int i = first + k * inner;
                        out[i] = (x[i] - max) - logSum;
                    }
                } else {
                    float scale = 1f / sum;
                    for (int k = 0; k < length; k++) out[first + k * inner] *= scale;
                }
            }
        }
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} for a small GEMM ({@link #smallGemm}): each element a float FMA chain
     * over k in index order ({@code t}), stored as {@code alpha·t}, or {@code fma(c, beta, alpha·t)} when beta is
     * not 0 (C is not read when it is).
     */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int ao, int lda,
                     float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
        gemmRows(ta, tb, 0, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    }

    /**
     * Rows {@code [rowFrom, rowTo)} of {@code C = alpha·op(A)·op(B) + beta·C} in {@link Gemm}'s own rounding: k is
     * walked in slices of {@link Gemm#KC}; per slice each element is a float FMA chain from zero over the slice in
     * index order ({@code t}), merged as {@code alpha·t} (first slice, beta 0: C not read) or
     * {@code fma(c, sliceBeta, alpha·t)} (beta on the first slice, 1 after it). For {@code m, n, k >= 2} these are
     * the very bits of {@link Gemm}'s packed kernel, whose elements do not depend on the tiling
     * ({@link ColdStartGemm} relies on it); with {@code k <= KC} it is one slice, the form {@link #gemm} documents.
     */
    static void gemmRows(boolean ta, boolean tb, int rowFrom, int rowTo, int n, int k, float alpha, float[] a,
                         int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
        // op(B) as rows of n contiguous floats; a transposed B is copied into that layout first (n·k moves against
        // m·n·k multiply-adds), so that the inner loop below always runs over contiguous j and C2 vectorises it
        float[] rowsOfB = b;
        int rb = bo;
        int ldRows = ldb;
        if (tb) {
            rowsOfB = new float[k * n];
            for (int j = 0; j < n; j++) {
                int src = bo + j * ldb;
                for (int p = 0; p < k; p++) rowsOfB[p * n + j] = b[src + p];
            }
            rb = 0;
            ldRows = n;
        }
        float[] row = new float[n];
        int as = ta ? lda : 1;
        int ai = ta ? 1 : lda;
        for (int i = rowFrom; i < rowTo; i++) {
            int aRow = ao + i * ai;
            int cRow = co + i * ldc;
            for (int pc = 0; pc < k; pc += Gemm.KC) {
                int end = Math.min(k, pc + Gemm.KC);
                // each row[j] is one FMA chain over the slice's p in index order
                java.util.Arrays.fill(row, 0f);
                for (int p = pc; p < end; p++) {
                    float aip = a[aRow + p * as];
                    int bRow = rb + p * ldRows;
                    for (int j = 0; j < n; j++) row[j] = Math.fma(aip, rowsOfB[bRow + j], row[j]);
                }
                float sliceBeta = pc == 0 ? beta : 1f;
                if (sliceBeta == 0f) {
                    for (int j = 0; j < n; j++) c[cRow + j] = alpha * row[j];
                } else {
                    for (int j = 0; j < n; j++) c[cRow + j] = Math.fma(c[cRow + j], sliceBeta, alpha * row[j]);
                }
            }
        }
    }
}
