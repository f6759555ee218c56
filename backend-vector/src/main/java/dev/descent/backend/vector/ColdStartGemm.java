package dev.descent.backend.vector;

/**
 * GEMMs above the small-kernel size that run on plain loops while the Vector API kernel is still cold, and on the
 * packed kernel ({@link Gemm}) once it is hot: the same bits either way, so only the speed depends on the choice.
 *
 * <h2>Why</h2>
 * {@link SmallKernels} covers GEMMs of one micro-kernel slice of work; a short job's evaluation passes (a whole
 * 900-row data set through a 32-wide layer: 921,600 multiply-adds) are larger, ran on the packed Vector API
 * kernel while it was still interpreted or C1-compiled (100-1000x slower than C2's code), and made the vector
 * backend lose to scalar on such jobs (issue 20). No size limit can fix that: the same shape is cheap in a long
 * job, once C2 has compiled the kernel.
 *
 * <h2>Same results</h2>
 * Eligible are the shapes that {@link Gemm} computes with its packed kernel ({@code m, n, k >= 2}), below
 * {@link Gemm#PARALLEL_FLOPS} (where {@link Gemm} itself stays on the calling thread, so the plain loop gives up no
 * threads). Each element of C is then a fixed function of its row of op(A) and column of op(B) (FMA chains per
 * k slice, merged with alpha and beta: {@link SmallKernels#gemmRows}), whichever kernel computes it and however the
 * rows are split between them; {@code ColdStartGemmTest} pins that bit for bit. So the choice may follow the JIT's
 * state, which no size rule can see, without making a run's results depend on it.
 *
 * <h2>Choice: rent until buying pays (the ski-rental rule)</h2>
 * Until the packed kernel is known to be faster, a call runs its rows on the plain loop and, while the time spent on
 * the packed kernel is at most {@link ColdStartRule#PROBE_SHARE} of the time spent on the plain loop, its first rows (a
 * multiple of {@link Gemm#MR}, sized to that budget from the last speed) on the packed kernel: the probe both measures
 * the kernel and warms it up (the JIT compiles what runs). A short job so pays at most a fixed share of its GEMM time
 * for warming a kernel it will not outlive; a long job warms it within a bounded multiple of the warm-up cost and then
 * uses it alone. When the packed kernel's time per multiply-add beats the plain loop's in two probes in a row, every
 * later call uses it ({@link #warm()}; it never turns back). The times are {@link System#nanoTime()} per part; no
 * threshold is measured on one machine or fixed in advance. The shared bookkeeping is {@link ColdStartRule}'s. {@code
 * -Ddescent.vector.smallElements=0} (the small kernels off) turns this off too. A GEMM of fewer than {@code 2·MR} rows
 * is probed whole, against the plain loop's last rate.
 */
final class ColdStartGemm {
    private static final ColdStartRule RULE = new ColdStartRule();

    private ColdStartGemm() {
    }

    /** Whether this GEMM may be split between the plain loop and {@link Gemm}'s packed kernel (size only). */
    static boolean eligible(int m, int n, int k) {
        return !RULE.warm() && m >= 2 && n >= 2 && k >= 2 && 2L * m * n * k < Gemm.PARALLEL_FLOPS;
    }

    /** Whether the packed kernel has won and takes every call from now on. */
    static boolean warm() {
        return RULE.warm();
    }

    /** {@code C = alpha·op(A)·op(B) + beta·C} for an {@link #eligible} shape, rows split as the rule above says. */
    static void gemm(WorkerPool pool, boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int ao,
                     int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
        long rowWork = (long) n * k;
        int packedRows = RULE.vectorUnits(m, rowWork, Gemm.MR);
        long t0 = System.nanoTime();
        if (packedRows > 0) {
            split(pool, packedRows, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc, true);
        }
        long t1 = System.nanoTime();
        if (packedRows < m) {
            split(pool, packedRows, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc, false);
        }
        RULE.record(m, packedRows, rowWork, t1 - t0, System.nanoTime() - t1);
    }

    /**
     * Rows {@code [0, packedRows)} on the packed kernel ({@code packed}) or rows {@code [packedRows, m)} on the
     * plain loop: the packed rows are a GEMM of their own over the first rows of op(A) and C (same offsets).
     */
    static void split(WorkerPool pool, int packedRows, boolean ta, boolean tb, int m, int n, int k, float alpha,
                      float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc,
                      boolean packed) {
        if (packed) {
            Gemm.gemm(pool, ta, tb, packedRows, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
        } else {
            SmallKernels.gemmRows(ta, tb, packedRows, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
        }
    }
}
