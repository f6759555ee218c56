package dev.descent.backend.vector;

import java.util.SplittableRandom;

/**
 * Runs in a child JVM started by {@link GemmTileVariantsTest} with one {@link GemmTile#PROPERTY} value: every GEMM
 * size class (the special shapes, single tiles, edges of every tile, several KC slices), all four transposes,
 * alpha/beta with and without reading C, padded leading dimensions and offsets, on one and on three threads.
 * Blocked products must equal, bit for bit, the float FMA chain that defines them (each KC slice summed in index
 * order, merged as {@code fma(C, beta, alpha·slice)}); every product must lie within the float64 reference's
 * tolerance. Prints the tile, a digest of every output's bits (equal for every variant) and {@code ok}; exits 1
 * with the first mismatch.
 */
final class GemmVariantCheck {
    /** {m, n, k}: special shapes, then blocked ones around the tiles (6, 8, 4 rows; 8..48 columns) and KC. */
    static final int[][] SHAPES = {{1, 1, 1}, {1, 1, 700}, {7, 1, 33}, {1, 9, 17}, {5, 7, 1}, {2, 2, 2},
            {4, 12, 3}, {6, 16, 7}, {8, 32, 16}, {9, 33, 17}, {12, 48, 255}, {13, 49, 257}, {25, 97, 300},
            {31, 47, 513}, {64, 64, 64}, {97, 130, 260}};

    private GemmVariantCheck() {
    }

    /** Runs the checks; see the class comment. */
    public static void main(String[] args) {
        System.out.println("tile=" + GemmTile.name());
        long digest = 17;
        try (WorkerPool one = new WorkerPool(1); WorkerPool three = new WorkerPool(3)) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    for (float[] ab : new float[][] {{1f, 0f}, {0.5f, -1.5f}, {-2f, 1f}}) {
                        String what = "m=" + s[0] + " n=" + s[1] + " k=" + s[2] + " transA=" + ((t & 1) != 0)
                                + " transB=" + ((t & 2) != 0) + " alpha=" + ab[0] + " beta=" + ab[1];
                        float[] serial = run(one, s, t, ab, what);
                        float[] parallel = run(three, s, t, ab, what);
                        for (int i = 0; i < serial.length; i++) {
                            if (Float.floatToRawIntBits(serial[i]) != Float.floatToRawIntBits(parallel[i])) {
                                fail(what + ": 1 and 3 threads differ at " + i + ": " + serial[i] + " vs "
                                        + parallel[i]);
                            }
                            digest = digest * 31 + Float.floatToRawIntBits(serial[i]);
                        }
                    }
                }
            }
        }
        System.out.println("digest=" + Long.toHexString(digest));
        System.out.println("ok");
    }

    private static void fail(String message) {
        System.out.println("FAIL " + message);
        System.exit(1);
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static float[] run(WorkerPool pool, int[] s, int t, float[] ab, String what) {
        int m = s[0], n = s[1], k = s[2];
        boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
        float alpha = ab[0], beta = ab[1];
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + 3, ldb = bCols + 2, ldc = n + 5;
        int ao = 4, bo = 1, co = 2;
        float[] a = random(ao + aRows * lda, 1);
        float[] b = random(bo + bRows * ldb, 2);
        float[] c = random(co + m * ldc, 3);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                c[co + i * ldc] = Float.NaN; // must not propagate when beta == 0
            }
        }
        float[] got = c.clone();
        Gemm.gemm(pool, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, got, co, ldc);
        boolean blocked = m > 1 && n > 1 && k > 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float old = c[co + i * ldc + j];
                float actual = got[co + i * ldc + j];
                double sum = 0;
                double magnitude = 0;
                float exact = old;
                float slice = 0f;
                for (int p = 0; p < k; p++) {
                    float x = ta ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    float y = tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
                    sum += (double) x * y;
                    magnitude += Math.abs((double) x * y);
                    slice = Math.fma(x, y, slice);
                    if ((p + 1) % Gemm.KC == 0 || p == k - 1) {
                        float sliceBeta = p < Gemm.KC ? beta : 1f;
                        float v = alpha * slice;
                        exact = sliceBeta == 0f ? v : Math.fma(exact, sliceBeta, v);
                        slice = 0f;
                    }
                }
                String where = what + " C[" + i + "][" + j + "]";
                if (blocked && Float.floatToRawIntBits(exact) != Float.floatToRawIntBits(actual)) {
                    fail(where + ": expected the FMA chain's " + exact + ", got " + actual);
                }
                double expected = alpha * sum + (beta == 0f ? 0 : beta * (double) old);
                double tolerance = 1e-6 * (magnitude + 1) * Math.sqrt(k) + 1e-6;
                if (!(Math.abs(actual - expected) <= tolerance)) {
                    fail(where + ": expected " + expected + " within " + tolerance + ", got " + actual);
                }
            }
            for (int j = n; j < ldc && co + i * ldc + j < got.length; j++) {
                if (Float.floatToRawIntBits(got[co + i * ldc + j]) != Float.floatToRawIntBits(c[co + i * ldc + j])) {
                    fail(what + ": padding C[" + i + "][" + j + "] was written");
                }
            }
        }
        return got;
    }
}
