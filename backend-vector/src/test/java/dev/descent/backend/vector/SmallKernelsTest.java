package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.UnaryOp;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The plain-loop kernels that the vector backend runs on small operands against the Vector API kernels they
 * replace: the same bits for elementwise ops (transcendentals included), strided sums and max/min reductions, and
 * float64-reference accuracy for the sums and GEMMs whose order differs. Also keeps the Vector API kernels
 * exercised at the small lengths that the backend no longer sends them.
 */
class SmallKernelsTest {
    private static final int L = VectorShapes.LANES;
    private static final int[] LENGTHS = {1, 2, 3, L - 1, L, L + 1, 2 * L + 3, 4 * L + 5, 127, 1021, 1023, 1025};
    private static final WorkerPool POOL = new WorkerPool(1);

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static float[] random(int n, long seed, float scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    /** Inputs that reach every branch of the polynomials: specials, subnormals, range ends, random magnitudes. */
    private static float[] hardInputs() {
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MIN_NORMAL * 0.5f, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f,
                0.625f, -0.625f, 0.62499994f, 88.72f, 88.73f, 89f, 89.5f, -87.3f, -103.9f, -104f, -110f, 0.70710677f,
                0.7071068f, 1e-30f, -1e-30f, 3e-39f};
        SplittableRandom r = new SplittableRandom(11);
        float[] x = new float[special.length + 20_000];
        System.arraycopy(special, 0, x, 0, special.length);
        for (int i = special.length; i < x.length; i++) {
            // magnitudes from 2^-140 to 2^10, both signs, and raw bit patterns for the rest
            x[i] = i % 4 == 0 ? Float.intBitsToFloat(r.nextInt())
                    : (float) ((r.nextBoolean() ? 1 : -1) * Math.pow(2, r.nextDouble() * 150 - 140));
        }
        return x;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            int e = Float.floatToRawIntBits(expected[i]);
            int a = Float.floatToRawIntBits(actual[i]);
            if (Float.isNaN(expected[i]) && Float.isNaN(actual[i])) {
                continue;
            }
            assertThat(a).as("%s at %d: expected %s got %s", what, i, expected[i], actual[i]).isEqualTo(e);
        }
    }

    @Test
    void scalarTwinsGiveTheVectorPolynomialsBits() {
        float[] x = hardInputs();
        int n = x.length - x.length % L;
        float[] exp = new float[n], log = new float[n], tanh = new float[n], sigmoid = new float[n];
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(VectorShapes.SPECIES, x, i);
            VectorMath.expPolynomial(v).intoArray(exp, i);
            VectorMath.logPolynomial(v).intoArray(log, i);
            VectorMath.tanhPolynomial(v).intoArray(tanh, i);
            // sigmoid through the polynomial exp: only comparable when that is the configured exp
            if (!VectorMath.LANEWISE) {
                VectorMath.sigmoid(v).intoArray(sigmoid, i);
            }
        }
        float[] sExp = new float[n], sLog = new float[n], sTanh = new float[n], sSigmoid = new float[n];
        for (int i = 0; i < n; i++) {
            sExp[i] = ScalarMath.exp(x[i]);
            sLog[i] = ScalarMath.log(x[i]);
            sTanh[i] = ScalarMath.tanh(x[i]);
            sSigmoid[i] = ScalarMath.sigmoid(x[i]);
        }
        assertSameBits(exp, sExp, "exp");
        assertSameBits(log, sLog, "log");
        assertSameBits(tanh, sTanh, "tanh");
        if (!VectorMath.LANEWISE) {
            assertSameBits(sigmoid, sSigmoid, "sigmoid");
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryOpsGiveTheVectorKernelsBits(UnaryOp op) {
        assumeFalse(!SmallKernels.handles(op), "transcendentals stay on the vector path with lanewise math");
        for (int n : LENGTHS) {
            float[] x = random(n, n, op == UnaryOp.LOG || op == UnaryOp.SQRT ? 50f : 4f);
            if (n > 3) {
                x[1] = 0f;
                x[2] = Float.NaN;
                x[3] = -0f;
            }
            float[] a = new float[n];
            float[] b = new float[n];
            float p = op == UnaryOp.POW ? 3f : 0.5f;
            Elementwise.unary(op, x, a, 0, n, p, 1.5f);
            SmallKernels.unary(op, x, b, 0, n, p, 1.5f);
            assertSameBits(a, b, op + " n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryOpsGiveTheVectorKernelsBits(BinaryOp op) {
        for (int n : LENGTHS) {
            float[] x = random(n + 3, n, 3f);
            float[] y = random(n + 5, n + 1, 3f);
            float[] a = new float[n + 2];
            float[] b = new float[n + 2];
            Elementwise.binary(op, x, 3, y, 5, a, 2, n);
            SmallKernels.binary(op, x, 3, y, 5, b, 2, n);
            assertSameBits(a, b, op + " n=" + n);
            for (boolean left : new boolean[] {false, true}) {
                float[] c = new float[n];
                float[] d = new float[n];
                float[] xs = random(n, n + 7, 3f);
                Elementwise.binaryScalar(op, left, xs, 1.25f, c, 0, n);
                SmallKernels.binaryScalar(op, left, xs, 1.25f, d, 0, n);
                assertSameBits(c, d, op + " with a scalar " + (left ? "left" : "right") + " n=" + n);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void stridedReductionsAndExtremesGiveTheVectorKernelsBits(ReduceOp op) {
        int[][] shapes = {{1, 7, 1}, {3, 5, L + 3}, {2, 32, 16}, {4, 9, 2 * L}, {1, 1, 5}, {5, 33, 1}};
        for (int[] s : shapes) {
            int outer = s[0], length = s[1], inner = s[2];
            float[] x = random(outer * length * inner, length, 2f);
            float[] a = new float[outer * inner];
            float[] b = new float[outer * inner];
            Reductions.reduceRows(op, x, 0, outer, length, inner, a);
            SmallKernels.reduceRows(op, x, 0, outer, length, inner, b);
            boolean contiguousSum = inner == 1 && (op == ReduceOp.SUM || op == ReduceOp.MEAN);
            if (contiguousSum) {
                for (int o = 0; o < outer; o++) {
                    double reference = 0;
                    for (int k = 0; k < length; k++) {
                        reference += x[o * length + k];
                    }
                    if (op == ReduceOp.MEAN) {
                        reference /= length;
                    }
                    assertThat((double) b[o]).as("%s %s", op, java.util.Arrays.toString(s))
                            .isCloseTo(reference, org.assertj.core.data.Offset.offset(1e-5 * length));
                }
            } else {
                assertSameBits(a, b, op + " " + java.util.Arrays.toString(s));
            }
        }
    }

    @Test
    void softmaxMatchesTheVectorKernelClosely() {
        int[][] shapes = {{4, 3, 1}, {2, 10, 1}, {3, 4, 5}, {1, 2 * L + 1, 1}};
        for (boolean log : new boolean[] {false, true}) {
            for (int[] s : shapes) {
                float[] x = random(s[0] * s[1] * s[2], s[1], 6f);
                float[] a = new float[x.length];
                float[] b = new float[x.length];
                Reductions.softmaxRows(x, 0, s[0], s[1], s[2], a, log);
                SmallKernels.softmaxRows(x, 0, s[0], s[1], s[2], b, log);
                for (int i = 0; i < x.length; i++) {
                    assertThat(b[i]).as("softmax log=%s %s at %d", log, java.util.Arrays.toString(s), i)
                            .isCloseTo(a[i], org.assertj.core.data.Offset.offset(2e-6f * Math.max(1f, Math.abs(a[i]))));
                }
            }
        }
    }

    @Test
    void smallGemmMatchesAFloat64ReferenceInEveryLayout() {
        int[][] shapes = {{32, 16, 2}, {32, 16, 16}, {16, 2, 32}, {1, 16, 32}, {32, 1, 16}, {1, 1, 7}, {5, 7, 1},
                {3, L + 1, 9}};
        SplittableRandom r = new SplittableRandom(5);
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            assertThat(SmallKernels.smallGemm(m, n, k)).isTrue();
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    float[] a = random(m * k, r.nextLong(), 1f);
                    float[] b = random(k * n, r.nextLong(), 1f);
                    float[] c0 = random(m * n, r.nextLong(), 1f);
                    for (float beta : new float[] {0f, 0.5f}) {
                        float[] small = c0.clone();
                        float[] blocked = c0.clone();
                        SmallKernels.gemm(ta, tb, m, n, k, 1.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, beta, small, 0, n);
                        Gemm.gemm(POOL, ta, tb, m, n, k, 1.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, beta, blocked, 0,
                                n);
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double ref = 0;
                                for (int p = 0; p < k; p++) {
                                    double aip = ta ? a[p * m + i] : a[i * k + p];
                                    double bpj = tb ? b[j * k + p] : b[p * n + j];
                                    ref += aip * bpj;
                                }
                                ref = 1.5 * ref + beta * c0[i * n + j];
                                String what = String.format("gemm %dx%dx%d ta=%s tb=%s beta=%s (%d,%d)", m, n, k, ta,
                                        tb, beta, i, j);
                                assertThat((double) small[i * n + j]).as(what)
                                        .isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-5 * (k + 1)));
                                assertThat((double) blocked[i * n + j]).as(what)
                                        .isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-5 * (k + 1)));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void oneColumnGemmKeepsEveryRowsChainAndMerge() {
        // n == 1 runs four rows' chains side by side: each element must still be the float FMA chain over each
        // k slice in index order, merged as alpha·t or fma(c, beta, alpha·t), whatever the row count's remainder
        SplittableRandom r = new SplittableRandom(11);
        int[] ks = {1, 7, 64, Gemm.KC, Gemm.KC + 3};
        for (int m = 1; m <= 9; m++) {
            for (int k : ks) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        float[] a = random(m * k, r.nextLong(), 1f);
                        float[] b = random(k, r.nextLong(), 1f);
                        float[] c0 = random(m, r.nextLong(), 1f);
                        for (float beta : new float[] {0f, 1f, 0.5f}) {
                            float[] actual = c0.clone();
                            SmallKernels.gemmRows(ta, tb, 0, m, 1, k, 1.5f, a, 0, ta ? m : k, b, 0, tb ? k : 1,
                                    beta, actual, 0, 1);
                            float[] expected = c0.clone();
                            for (int i = 0; i < m; i++) {
                                for (int pc = 0; pc < k; pc += Gemm.KC) {
                                    float t = 0f;
                                    for (int p = pc; p < Math.min(k, pc + Gemm.KC); p++) {
                                        t = Math.fma(ta ? a[p * m + i] : a[i * k + p], b[p], t);
                                    }
                                    float sliceBeta = pc == 0 ? beta : 1f;
                                    expected[i] = sliceBeta == 0f ? 1.5f * t : Math.fma(expected[i], sliceBeta, 1.5f * t);
                                }
                            }
                            assertSameBits(expected, actual,
                                    String.format("gemm %dx1x%d ta=%s tb=%s beta=%s", m, k, ta, tb, beta));
                        }
                    }
                }
            }
        }
    }

    @Test
    void thresholdsFollowTheVectorShape() {
        assertThat(SmallKernels.ELEMENTS).isEqualTo(256 * L);
        assertThat(SmallKernels.small(256 * L)).isTrue();
        assertThat(SmallKernels.small(256 * L + 1)).isFalse();
        assertThat(SmallKernels.smallGemm(32, 32, 32)).isTrue();
        assertThat(SmallKernels.smallGemm(2, 2, Gemm.KC + 1)).isFalse();
        assertThat(SmallKernels.smallGemm(256, 256, 64)).isFalse();
    }
}
