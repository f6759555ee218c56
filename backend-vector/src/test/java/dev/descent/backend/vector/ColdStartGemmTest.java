package dev.descent.backend.vector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ColdStartGemm} may split a GEMM's rows between the plain loop and the packed kernel in any way the JIT's
 * state suggests; that is only sound if every split gives the packed kernel's bits. Pinned here for both transposes,
 * beta 0, 1 and other, k across the {@link Gemm#KC} slice boundary, edge tiles, leading dimensions wider than the
 * operands and offsets into larger arrays.
 */
class ColdStartGemmTest {
    private static final WorkerPool POOL = new WorkerPool(1);

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    @Test
    void everyRowSplitGivesThePackedKernelsBits() {
        int[][] shapes = {{2, 2, 2}, {17, 33, 31}, {Gemm.MR * 3 + 1, 5, 64}, {40, 3, Gemm.KC + 7},
                {9, 2, 2 * Gemm.KC + 1}, {64, 48, 40}, {100, 32, 32}};
        float[][] scalars = {{1f, 0f}, {0.5f, 1f}, {-1.25f, 0.75f}};
        long seed = 1;
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (float[] s : scalars) {
                        int lda = (ta ? m : k) + 3;
                        int ldb = (tb ? k : n) + 1;
                        int ldc = n + 2;
                        int ao = 5;
                        int bo = 7;
                        int co = 11;
                        float[] a = random(ao + (ta ? k : m) * lda, seed++);
                        float[] b = random(bo + (tb ? n : k) * ldb, seed++);
                        float[] c0 = random(co + m * ldc, seed++);
                        float[] expected = c0.clone();
                        Gemm.gemm(POOL, ta, tb, m, n, k, s[0], a, ao, lda, b, bo, ldb, s[1], expected, co, ldc);
                        for (int rows : new int[] {0, Gemm.MR, m / 2 / Gemm.MR * Gemm.MR, m}) {
                            if (rows < 0 || rows > m || (rows > 0 && rows < 2)) {
                                continue;
                            }
                            float[] c = c0.clone();
                            if (rows > 0) {
                                ColdStartGemm.split(POOL, rows, ta, tb, m, n, k, s[0], a, ao, lda, b, bo, ldb, s[1],
                                        c, co, ldc, true);
                            }
                            if (rows < m) {
                                ColdStartGemm.split(POOL, rows, ta, tb, m, n, k, s[0], a, ao, lda, b, bo, ldb, s[1],
                                        c, co, ldc, false);
                            }
                            String where = "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " alpha="
                                    + s[0] + " beta=" + s[1] + " packed rows=" + rows;
                            for (int i = 0; i < c.length; i++) {
                                assertThat(Float.floatToRawIntBits(c[i])).as(where + " at " + i)
                                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void repeatedCallsKeepTheBitsWhileTheChoiceMoves() {
        // many calls of one shape: the rule moves rows to the packed kernel as its budget grows; results never move
        int m = 120;
        int n = 32;
        int k = 32;
        assertThat(ColdStartGemm.eligible(m, n, k) || ColdStartGemm.warm()).isTrue();
        float[] a = random(m * k, 91);
        float[] b = random(k * n, 92);
        float[] expected = new float[m * n];
        Gemm.gemm(POOL, false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, expected, 0, n);
        for (int call = 0; call < 300; call++) {
            float[] c = new float[m * n];
            if (ColdStartGemm.eligible(m, n, k)) {
                ColdStartGemm.gemm(POOL, false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
            } else {
                Gemm.gemm(POOL, false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
            }
            for (int i = 0; i < c.length; i++) {
                assertThat(Float.floatToRawIntBits(c[i])).as("call " + call + " at " + i)
                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
    }

    @Test
    void eligibilityIsBySizeAndShape() {
        if (ColdStartGemm.warm()) {
            return;
        }
        assertThat(ColdStartGemm.eligible(900, 32, 32)).isTrue();
        assertThat(ColdStartGemm.eligible(1, 512, 512)).isFalse();   // gemv: another accumulation order
        assertThat(ColdStartGemm.eligible(512, 512, 1)).isFalse();   // outer product
        assertThat(ColdStartGemm.eligible(512, 512, 512)).isFalse(); // parallel in Gemm: stays there
    }
}
