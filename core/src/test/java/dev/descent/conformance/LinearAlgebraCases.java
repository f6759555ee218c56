package dev.descent.conformance;

import dev.descent.spi.Storage;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GEMM and the products built on it: matmul in all four transpose combinations over every combination of
 * m, n, k in {1, 7, 17, 64, 65, 129} (tile-aligned and one past) plus a larger odd 257x263x131, alpha and beta
 * (beta == 0 must not read C, so NaN there must not propagate), direct {@code Backend.gemm} calls with offsets
 * and leading dimensions larger than a row (padding holds NaN, which any stray read would spread), and mv,
 * dot and outer, including empty operands. Every output element is checked with the accumulated-sum
 * tolerance for its k products.
 */
abstract class LinearAlgebraCases extends ConformanceCases {
    static final int[] DIMS = {1, 7, 17, 64, 65, 129};

    static Stream<Arguments> transposesAndRows() {
        List<Arguments> out = new ArrayList<>();
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (int m : DIMS) {
                    out.add(Arguments.of(transA, transB, m));
                }
            }
        }
        return out.stream();
    }

    /** {@code op(A)·op(B)} through {@link Tensor#matmul(Tensor, boolean, boolean)}, checked against the reference. */
    private void checkMatmul(boolean transA, boolean transB, int m, int n, int k, long seed) {
        float[] a = normal(seed, m * k, 1);
        float[] b = normal(seed + 1, k * n, 1);
        Tensor ta = transA ? Tensor.of(backend(), a, k, m) : Tensor.of(backend(), a, m, k);
        Tensor tb = transB ? Tensor.of(backend(), b, n, k) : Tensor.of(backend(), b, k, n);
        Tensor c = ta.matmul(tb, transA, transB);
        String what = String.format("matmul%s%s m=%d n=%d k=%d", transA ? " A^T" : "", transB ? " B^T" : "", m, n, k);
        assertThat(c.dims()).as(what).containsExactly(m, n);
        double[] sumAbs = new double[m * n];
        double[] expected = Reference.gemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n,
                0f, null, 0, n, sumAbs);
        Tolerance.accumulated(k, sumAbs).check(what, expected, c.toArray(), i -> "row " + i / n + ", column " + i % n);
    }

    @ParameterizedTest(name = "transA={0} transB={1} m={2}")
    @MethodSource("transposesAndRows")
    void matmulAllSizes(boolean transA, boolean transB, int m) {
        for (int n : DIMS) {
            for (int k : DIMS) {
                checkMatmul(transA, transB, m, n, k, m * 1_000_000L + n * 1000L + k);
            }
        }
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void matmulLargerOddSizes(boolean transA, boolean transB) {
        checkMatmul(transA, transB, 257, 263, 131, 99);
    }

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true), Arguments.of(true, false),
                Arguments.of(true, true));
    }

    /** {@code C = alpha·op(A)·op(B) + beta·C} through {@link Tensor#gemm}, for several alpha and beta. */
    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void alphaAndBeta(boolean transA, boolean transB) {
        int m = 17;
        int n = 65;
        int k = 7;
        float[] a = normal(21, m * k, 1);
        float[] b = normal(22, k * n, 1);
        float[] c0 = normal(23, m * n, 1);
        for (float alpha : new float[] {1f, 0.5f, -1.25f}) {
            for (float beta : new float[] {0f, 1f, -0.75f}) {
                Tensor c = Tensor.of(backend(), c0, m, n);
                Tensor.gemm(alpha, transA ? Tensor.of(backend(), a, k, m) : Tensor.of(backend(), a, m, k), transA,
                        transB ? Tensor.of(backend(), b, n, k) : Tensor.of(backend(), b, k, n), transB, beta, c);
                double[] sumAbs = new double[m * n];
                double[] expected = Reference.gemm(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0,
                        transB ? k : n, beta, c0, 0, n, sumAbs);
                Tolerance.accumulated(k + 1, sumAbs).check("gemm alpha=" + alpha + " beta=" + beta, expected,
                        c.toArray());
            }
        }
    }

    /** With beta == 0, C is not read: NaN and infinities already in C do not reach the result. */
    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void betaZeroIgnoresC(boolean transA, boolean transB) {
        int m = 65;
        int n = 17;
        int k = 64;
        float[] a = normal(31, m * k, 1);
        float[] b = normal(32, k * n, 1);
        float[] poison = new float[m * n];
        for (int i = 0; i < poison.length; i++) {
            poison[i] = i % 3 == 0 ? Float.NaN : i % 3 == 1 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        Tensor c = Tensor.of(backend(), poison, m, n);
        Tensor.gemm(0.5f, transA ? Tensor.of(backend(), a, k, m) : Tensor.of(backend(), a, m, k), transA,
                transB ? Tensor.of(backend(), b, n, k) : Tensor.of(backend(), b, k, n), transB, 0f, c);
        double[] sumAbs = new double[m * n];
        double[] expected = Reference.gemm(transA, transB, m, n, k, 0.5f, a, 0, transA ? m : k, b, 0,
                transB ? k : n, 0f, poison, 0, n, sumAbs);
        Tolerance.accumulated(k, sumAbs).check("gemm beta=0 over a C of NaN and infinities", expected, c.toArray());
    }

    static Stream<Arguments> directCalls() {
        List<Arguments> out = new ArrayList<>();
        int[][] mnk = {{1, 1, 1}, {7, 17, 65}, {65, 7, 17}, {64, 64, 64}, {33, 129, 3}};
        for (int[] s : mnk) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    out.add(Arguments.of(transA, transB, s[0], s[1], s[2]));
                }
            }
        }
        return out.stream();
    }

    /**
     * {@code Backend.gemm} on sub-matrices: A, B and C start at offsets and have leading dimensions wider than
     * their rows. Padding in A and B is NaN (a stray read spreads it); padding in C is a sentinel that must
     * survive.
     */
    @ParameterizedTest(name = "transA={0} transB={1} m={2} n={3} k={4}")
    @MethodSource("directCalls")
    void directGemmWithOffsetsAndLeadingDimensions(boolean transA, boolean transB, int m, int n, int k) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + 3;
        int ldb = bCols + 5;
        int ldc = n + 2;
        int aOffset = 11;
        int bOffset = 4;
        int cOffset = 9;
        float[] a = padded(normal(41, aRows * aCols, 1), aRows, aCols, aOffset, lda, Float.NaN);
        float[] b = padded(normal(42, bRows * bCols, 1), bRows, bCols, bOffset, ldb, Float.NaN);
        float sentinel = -7777f;
        float[] c = padded(normal(43, m * n, 1), m, n, cOffset, ldc, sentinel);
        for (float beta : new float[] {0f, 0.5f}) {
            float alpha = -1.5f;
            Storage as = backend().upload(a, 0, a.length);
            Storage bs = backend().upload(b, 0, b.length);
            Storage cs = backend().upload(c, 0, c.length);
            backend().gemm(transA, transB, m, n, k, alpha, as, aOffset, lda, bs, bOffset, ldb, beta, cs, cOffset, ldc);
            float[] got = new float[c.length];
            backend().download(cs, 0, got, 0, got.length);
            double[] sumAbs = new double[m * n];
            double[] expected = Reference.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta,
                    c, cOffset, ldc, sumAbs);
            float[] inside = new float[m * n];
            for (int i = 0; i < c.length; i++) {
                int row = (i - cOffset) / ldc;
                int col = (i - cOffset) % ldc;
                boolean inC = i >= cOffset && row < m && col < n;
                if (inC) {
                    inside[row * n + col] = got[i];
                } else {
                    assertThat(got[i]).as("gemm beta=%s wrote outside C at storage index %d (offset %d, ldc %d)",
                            beta, i, cOffset, ldc).isEqualTo(sentinel);
                }
            }
            Tolerance.accumulated(k + 1, sumAbs).check(String.format(
                    "direct gemm transA=%s transB=%s m=%d n=%d k=%d lda=%d ldb=%d ldc=%d offsets %d/%d/%d beta=%s",
                    transA, transB, m, n, k, lda, ldb, ldc, aOffset, bOffset, cOffset, beta), expected, inside);
        }
    }

    /** A {@code rows x cols} matrix placed at {@code offset} with leading dimension {@code ld}, padded with {@code fill}. */
    static float[] padded(float[] values, int rows, int cols, int offset, int ld, float fill) {
        float[] out = new float[offset + rows * ld + 7];
        Arrays.fill(out, fill);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * cols, out, offset + r * ld, cols);
        }
        return out;
    }

    @Test
    void dotAtEverySize() {
        for (int n : SIZES) {
            for (boolean positive : new boolean[] {false, true}) {
                float[] x = positive ? uniform(51 + n, n, 0, 1) : normal(51 + n, n, 1);
                float[] y = positive ? uniform(52 + n, n, 0, 1) : normal(52 + n, n, 1);
                Tensor d = tensor(x).dot(tensor(y));
                assertThat(d.dims()).isEmpty();
                double[] sumAbs = new double[1];
                double[] expected = Reference.gemm(false, false, 1, 1, n, 1f, x, 0, n, y, 0, 1, 0f, null, 0, 1, sumAbs);
                Tolerance.accumulated(Math.max(n, 1), sumAbs).check("dot n=" + n + (positive ? " positive" : ""),
                        expected, d.toArray());
            }
        }
    }

    @Test
    void matrixVectorProducts() {
        int[][] shapes = {{1, 1}, {7, 17}, {17, 7}, {1, 1025}, {1025, 3}, {129, 65}, {3, 0}, {0, 5}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            float[] a = normal(61 + m, m * k, 1);
            float[] v = normal(62 + k, k, 1);
            Tensor result = Tensor.of(backend(), a, m, k).mv(tensor(v));
            assertThat(result.dims()).containsExactly(m);
            double[] sumAbs = new double[m];
            double[] expected = Reference.gemm(false, false, m, 1, k, 1f, a, 0, k, v, 0, 1, 0f, null, 0, 1, sumAbs);
            Tolerance.accumulated(Math.max(k, 1), sumAbs).check("mv " + Arrays.toString(s), expected,
                    result.toArray());
        }
    }

    @Test
    void outerProducts() {
        int[][] shapes = {{1, 1}, {7, 17}, {1025, 3}, {3, 1025}, {0, 4}, {4, 0}};
        for (int[] s : shapes) {
            float[] x = normal(71 + s[0], s[0], 1);
            float[] y = normal(72 + s[1], s[1], 1);
            Tensor result = tensor(x).outer(tensor(y));
            assertThat(result.dims()).containsExactly(s[0], s[1]);
            double[] sumAbs = new double[s[0] * s[1]];
            double[] expected = Reference.gemm(false, false, s[0], s[1], 1, 1f, x, 0, 1, y, 0, s[1], 0f, null, 0,
                    s[1], sumAbs);
            Tolerance.accumulated(1, sumAbs).check("outer " + Arrays.toString(s), expected, result.toArray());
        }
    }

    /** The SPI's thread-safety promise: concurrent calls on distinct outputs give the same results as alone. */
    @Test
    void concurrentCallsOnDistinctOutputs() throws InterruptedException {
        int threads = 4;
        float[] a = normal(81, 65 * 129, 1);
        float[] b = normal(82, 129 * 64, 1);
        double[] sumAbs = new double[65 * 64];
        double[] expected = Reference.gemm(false, false, 65, 64, 129, 1f, a, 0, 129, b, 0, 64, 0f, null, 0, 64, sumAbs);
        Tensor ta = Tensor.of(backend(), a, 65, 129);
        Tensor tb = Tensor.of(backend(), b, 129, 64);
        float[][] results = new float[threads][];
        Throwable[] failures = new Throwable[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                try {
                    Tensor c = null;
                    for (int repeat = 0; repeat < 10; repeat++) {
                        c = ta.matmul(tb);
                    }
                    results[id] = c.toArray();
                } catch (Throwable e) {
                    failures[id] = e;
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        for (int t = 0; t < threads; t++) {
            if (failures[t] != null) {
                throw new AssertionError("thread " + t + " failed", failures[t]);
            }
            Tolerance.accumulated(129, sumAbs).check("matmul on thread " + t + " of " + threads, expected, results[t]);
        }
    }

    /** Empty inner dimension: the product is zero, and gemm keeps only {@code beta·C}. */
    @Test
    void emptyInnerDimension() {
        Tensor a = Tensor.zeros(backend(), 3, 0);
        Tensor b = Tensor.zeros(backend(), 0, 4);
        assertThat(a.matmul(b).toArray()).containsOnly(0f).hasSize(12);
        Tensor c = Tensor.full(backend(), 2f, 3, 4);
        Tensor.gemm(1f, a, false, b, false, 0.5f, c);
        assertThat(c.toArray()).containsOnly(1f).hasSize(12);
        assertThat(Tensor.zeros(backend(), 0, 5).matmul(Tensor.zeros(backend(), 5, 2)).dims()).containsExactly(0, 2);
        assertThat(tensor(new float[0]).dot(tensor(new float[0])).item()).isEqualTo(0f);
    }
}
