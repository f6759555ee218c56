package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vector kernels against a float64 reference, at odd lengths around the vector width and the blocking sizes
 * (the conformance suite in core covers the whole contract; these pin the paths that only this backend has).
 */
class VectorKernelTest {
    private static final VectorBackend BACKEND = new VectorBackend();
    private static final int[] LENGTHS = {0, 1, 3, 15, 16, 17, 31, 33, 63, 64, 65, 127, 1021, 1023, 1025, 4099,
            70_001, 300_007};

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static float[] random(int n, long seed, float scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    private static float[] values(Storage s) {
        float[] out = new float[s.length()];
        BACKEND.download(s, 0, out, 0, out.length);
        return out;
    }

    private static void assertClose(double expected, float actual, double rel, double abs, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        if (Double.isInfinite(expected)) {
            assertEquals((float) expected, actual, what);
            return;
        }
        double tolerance = abs + rel * Math.abs(expected);
        assertThat(Math.abs(actual - expected)).as(what + ": expected " + expected + " got " + actual)
                .isLessThanOrEqualTo(tolerance);
    }

    // ---- GEMM -------------------------------------------------------------------------------------------------

    static Stream<Arguments> gemmShapes() {
        int[][] shapes = {{1, 1, 1}, {1, 1, 1000}, {1, 1, 300_001}, {7, 1, 33}, {300, 1, 700}, {1, 9, 17},
                {1, 301, 700}, {5, 7, 1}, {300, 301, 1}, {2, 2, 2}, {8, 32, 16}, {9, 33, 17}, {31, 47, 300},
                {64, 64, 64}, {129, 257, 300}, {257, 513, 260}, {100, 700, 3}};
        List<Arguments> out = new ArrayList<>();
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("gemmShapes")
    void gemmMatchesDoubleReference(int m, int n, int k, boolean ta, boolean tb) {
        for (float[] ab : new float[][] {{1f, 0f}, {0.5f, -1.5f}}) {
            float alpha = ab[0];
            float beta = ab[1];
            // stored shapes with a padded leading dimension and an offset, to exercise lda/ldb/ldc
            int aRows = ta ? k : m, aCols = ta ? m : k;
            int bRows = tb ? n : k, bCols = tb ? k : n;
            int lda = aCols + 3, ldb = bCols + 2, ldc = n + 5;
            int ao = 4, bo = 1, co = 2;
            float[] a = random(ao + aRows * lda, 1, 1f);
            float[] b = random(bo + bRows * ldb, 2, 1f);
            float[] c = random(co + m * ldc, 3, 1f);
            if (beta == 0f) {
                for (int i = 0; i < m; i++) {
                    c[co + i * ldc] = Float.NaN; // must not propagate when beta == 0
                }
            }
            Storage as = BACKEND.upload(a, 0, a.length);
            Storage bs = BACKEND.upload(b, 0, b.length);
            Storage cs = BACKEND.upload(c, 0, c.length);
            BACKEND.gemm(ta, tb, m, n, k, alpha, as, ao, lda, bs, bo, ldb, beta, cs, co, ldc);
            float[] got = values(cs);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double x = ta ? a[ao + p * lda + i] : a[ao + i * lda + p];
                        double y = tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
                        s += x * y;
                        magnitude += Math.abs(x * y);
                    }
                    double expected = alpha * s + (beta == 0f ? 0 : beta * c[co + i * ldc + j]);
                    assertClose(expected, got[co + i * ldc + j], 0, 1e-6 * (magnitude + 1) * Math.sqrt(k) + 1e-6,
                            "C[" + i + "][" + j + "]");
                }
            }
            // elements outside C's [m, n] window are untouched
            for (int i = 0; i < m; i++) {
                for (int j = n; j < ldc && co + i * ldc + j < got.length; j++) {
                    assertEquals(c[co + i * ldc + j], got[co + i * ldc + j], "padding C[" + i + "][" + j + "]");
                }
            }
        }
    }

    // ---- elementwise ------------------------------------------------------------------------------------------

    static Stream<Arguments> unaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            for (int n : new int[] {1, 17, 1025, 70_001}) {
                out.add(Arguments.of(op, n));
            }
        }
        return out.stream();
    }

    private static double reference(UnaryOp op, double x, double a, double b) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1 / x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> Math.max(x, 0);
            case LEAKY_RELU -> x > 0 ? x : a * x;
            case POW -> Math.pow(x, a);
            case CLAMP -> Math.min(Math.max(x, a), b);
            case ADD -> x + a;
            case SUBTRACT_FROM -> a - x;
            case MULTIPLY -> x * a;
            case DIVIDE -> x / a;
            case DIVIDE_INTO -> a / x;
            case AFFINE -> a * x + b;
            case EQ -> x == a ? 1 : 0;
            case NE -> x != a ? 1 : 0;
            case LT -> x < a ? 1 : 0;
            case LE -> x <= a ? 1 : 0;
            case GT -> x > a ? 1 : 0;
            case GE -> x >= a ? 1 : 0;
        };
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("unaryCases")
    void unaryMatchesDoubleReference(UnaryOp op, int n) {
        float[] x = random(n, 7, op == UnaryOp.EXP ? 90f : 20f);
        if (op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW) {
            for (int i = 0; i < n; i++) {
                x[i] = Math.abs(x[i]) * (i % 3 == 0 ? 1e-3f : 1f);
            }
        }
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e-40f,
                -1e-40f, Float.MIN_NORMAL, 88.9f, -88f, -104f, -110f, 1e-6f, 0.6249f, 0.6251f, 3f};
        for (int i = 0; i < Math.min(n, specials.length); i++) {
            x[(int) ((long) i * 7919 % n)] = specials[i];
        }
        float a = op == UnaryOp.CLAMP ? -2f : 1.5f;
        float b = op == UnaryOp.CLAMP ? 3f : -0.25f;
        if (op == UnaryOp.EQ || op == UnaryOp.NE) {
            x[0] = a;
        }
        Storage xs = BACKEND.upload(x, 0, n);
        Storage out = BACKEND.allocate(n);
        BACKEND.unary(op, xs, out, n, a, b);
        float[] got = values(out);
        double rel = switch (op) {
            case EXP, LOG, TANH, SIGMOID -> 3e-7; // 2.5 ulp
            case POW -> 2e-7;
            default -> 6e-8;
        };
        for (int i = 0; i < n; i++) {
            double expected = (float) reference(op, x[i], a, b);
            // a*x + b is two float roundings: its error is relative to the terms, not to the (cancelling) result
            double abs = op == UnaryOp.AFFINE ? 1.2e-7 * (Math.abs(a * x[i]) + Math.abs(b)) : Float.MIN_NORMAL;
            assertClose(expected, got[i], rel, abs, op + "(" + x[i] + ") at " + i);
            if (expected == 0 && op != UnaryOp.LOG && op != UnaryOp.EXP && op != UnaryOp.SIGMOID) {
                assertEquals(Math.copySign(1f, (float) expected), Math.copySign(1f, got[i]),
                        "sign of zero for " + op + "(" + x[i] + ")");
            }
        }
    }

    /**
     * Both transcendental implementations against float64, whichever {@link VectorMath#LANEWISE} picked for the
     * backend on this machine: the polynomials stay the fallback on platforms without a vector math library.
     */
    @ParameterizedTest(name = "{0} lanewise={1}")
    @MethodSource("transcendentalCases")
    void transcendentalImplementationsMatchDoubleReference(UnaryOp op, boolean lanewise) {
        var species = VectorShapes.SPECIES;
        int lanes = species.length();
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e-40f,
                -1e-40f, Float.MIN_NORMAL, 88.9f, -88f, -104f, -110f, 1e-6f, 0.6249f, 0.6251f, 3f, -3f, 20f};
        float[] random = random(4096, 11, op == UnaryOp.EXP ? 90f : 20f);
        float[] x = new float[(specials.length + random.length + lanes - 1) / lanes * lanes];
        System.arraycopy(specials, 0, x, 0, specials.length);
        System.arraycopy(random, 0, x, specials.length, random.length);
        if (op == UnaryOp.LOG) {
            for (int i = specials.length; i < x.length; i++) {
                x[i] = Math.abs(x[i]) * (i % 3 == 0 ? 1e-3f : 1f);
            }
        }
        float[] got = new float[x.length];
        for (int i = 0; i < x.length; i += lanes) {
            var v = jdk.incubator.vector.FloatVector.fromArray(species, x, i);
            var r = switch (op) {
                case EXP -> lanewise ? v.lanewise(jdk.incubator.vector.VectorOperators.EXP) : VectorMath.expPolynomial(v);
                case LOG -> lanewise ? v.lanewise(jdk.incubator.vector.VectorOperators.LOG) : VectorMath.logPolynomial(v);
                case TANH -> lanewise ? v.lanewise(jdk.incubator.vector.VectorOperators.TANH)
                        : VectorMath.tanhPolynomial(v);
                default -> VectorMath.sigmoid(v);
            };
            r.intoArray(got, i);
        }
        for (int i = 0; i < x.length; i++) {
            double expected = (float) reference(op, x[i], 0, 0);
            assertClose(expected, got[i], 3e-7, Float.MIN_NORMAL, op + "(" + x[i] + ") lanewise=" + lanewise);
            if (expected == 0 && op == UnaryOp.TANH) {
                assertEquals(Math.copySign(1f, (float) expected), Math.copySign(1f, got[i]), "sign of tanh(" + x[i] + ")");
            }
        }
    }

    static Stream<Arguments> transcendentalCases() {
        return Stream.of(UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID)
                .flatMap(op -> Stream.of(Arguments.of(op, true), Arguments.of(op, false)));
    }

    @Test
    void binaryBroadcastsRowsAndColumns() {
        for (BinaryOp op : BinaryOp.values()) {
            int rows = 37, cols = 41;
            float[] x = random(rows * cols, 11, 3f);
            float[] col = random(rows, 12, 3f);
            float[] row = random(cols, 13, 3f);
            if (op == BinaryOp.POW) {
                for (int i = 0; i < x.length; i++) x[i] = Math.abs(x[i]);
                for (int i = 0; i < col.length; i++) col[i] = Math.abs(col[i]);
            }
            col[3] = Float.NaN;
            x[5] = col[0];
            Storage xs = BACKEND.upload(x, 0, x.length);
            Storage cs = BACKEND.upload(col, 0, col.length);
            Storage rs = BACKEND.upload(row, 0, row.length);
            Storage out = BACKEND.allocate(rows * cols);
            // x op column (column broadcast: y strides [1, 0]) and column op x
            for (boolean colLeft : new boolean[] {false, true}) {
                if (colLeft) {
                    BACKEND.binary(op, cs, new int[] {1, 0}, xs, new int[] {cols, 1}, out, new int[] {rows, cols});
                } else {
                    BACKEND.binary(op, xs, new int[] {cols, 1}, cs, new int[] {1, 0}, out, new int[] {rows, cols});
                }
                float[] got = values(out);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        float l = colLeft ? col[i] : x[i * cols + j];
                        float r = colLeft ? x[i * cols + j] : col[i];
                        assertClose(binaryRef(op, l, r), got[i * cols + j], 1e-7, 0, op + " " + l + ", " + r);
                    }
                }
            }
            BACKEND.binary(op, xs, new int[] {cols, 1}, rs, new int[] {0, 1}, out, new int[] {rows, cols});
            float[] got = values(out);
            for (int i = 0; i < rows * cols; i++) {
                assertClose(binaryRef(op, x[i], row[i % cols]), got[i], 1e-7, 0, op.name());
            }
        }
    }

    private static double binaryRef(BinaryOp op, float x, float y) {
        return (float) switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> Math.pow(x, y);
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case EQ -> x == y ? 1 : 0;
            case NE -> x != y ? 1 : 0;
            case LT -> x < y ? 1 : 0;
            case LE -> x <= y ? 1 : 0;
            case GT -> x > y ? 1 : 0;
            case GE -> x >= y ? 1 : 0;
        };
    }

    @Test
    void axpyAtOddLengths() {
        for (int n : LENGTHS) {
            float[] x = random(n, 21, 1f);
            float[] y = random(n, 22, 1f);
            Storage ys = BACKEND.upload(y, 0, n);
            BACKEND.axpy(-0.75f, BACKEND.upload(x, 0, n), ys, n);
            float[] got = values(ys);
            for (int i = 0; i < n; i++) {
                assertClose(y[i] - 0.75 * x[i], got[i], 1e-7, 1e-7, "axpy n=" + n + " i=" + i);
            }
        }
    }

    // ---- reductions -------------------------------------------------------------------------------------------

    @Test
    void fullReductionsAtOddLengths() {
        for (int n : LENGTHS) {
            if (n == 0) continue;
            float[] x = random(n, 31, 10f);
            Storage xs = BACKEND.upload(x, 0, n);
            Storage out = BACKEND.allocate(1);
            double sum = 0, abs = 0;
            int argmax = 0, argmin = 0;
            for (int i = 0; i < n; i++) {
                sum += x[i];
                abs += Math.abs(x[i]);
                if (x[i] > x[argmax]) argmax = i;
                if (x[i] < x[argmin]) argmin = i;
            }
            double[] expected = {sum, sum / n, x[argmax], x[argmin], argmax, argmin};
            ReduceOp[] ops = {ReduceOp.SUM, ReduceOp.MEAN, ReduceOp.MAX, ReduceOp.MIN, ReduceOp.ARGMAX,
                    ReduceOp.ARGMIN};
            for (int o = 0; o < ops.length; o++) {
                BACKEND.reduce(ops[o], xs, 1, n, 1, out);
                double tol = o < 2 ? 1e-6 * abs / (o == 1 ? n : 1) : 0;
                assertClose(expected[o], values(out)[0], 0, tol, ops[o] + " n=" + n);
            }
            x[n / 2] = Float.NaN;
            xs = BACKEND.upload(x, 0, n);
            BACKEND.reduce(ReduceOp.MAX, xs, 1, n, 1, out);
            assertThat(values(out)[0]).isNaN();
            BACKEND.reduce(ReduceOp.ARGMIN, xs, 1, n, 1, out);
            assertThat(values(out)[0]).isEqualTo(n / 2);
        }
    }

    @Test
    void axisReductionsAndSoftmax() {
        int[][] views = {{3, 17, 5}, {2, 1025, 33}, {40, 7, 1}, {1, 5, 1000}, {300, 301, 1}, {3, 70_001, 1}};
        for (int[] v : views) {
            int outer = v[0], length = v[1], inner = v[2];
            float[] x = random(outer * length * inner, 41, 5f);
            Storage xs = BACKEND.upload(x, 0, x.length);
            for (ReduceOp op : ReduceOp.values()) {
                Storage out = BACKEND.allocate(outer * inner);
                BACKEND.reduce(op, xs, outer, length, inner, out);
                float[] got = values(out);
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < inner; j++) {
                        double s = 0, abs = 0;
                        int best = 0;
                        for (int k = 0; k < length; k++) {
                            float e = x[(o * length + k) * inner + j];
                            s += e;
                            abs += Math.abs(e);
                            float b = x[(o * length + best) * inner + j];
                            if (op == ReduceOp.ARGMAX || op == ReduceOp.MAX ? e > b : e < b) best = k;
                        }
                        double expected = switch (op) {
                            case SUM -> s;
                            case MEAN -> s / length;
                            case MAX, MIN -> x[(o * length + best) * inner + j];
                            case ARGMAX, ARGMIN -> best;
                        };
                        double tol = op == ReduceOp.SUM ? 1e-6 * abs : op == ReduceOp.MEAN ? 1e-6 * abs / length : 0;
                        assertClose(expected, got[o * inner + j], 0, tol, op + " " + java.util.Arrays.toString(v));
                    }
                }
            }
            for (boolean log : new boolean[] {false, true}) {
                Storage out = BACKEND.allocate(x.length);
                BACKEND.softmax(xs, outer, length, inner, out, log);
                float[] got = values(out);
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < inner; j++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int k = 0; k < length; k++) max = Math.max(max, x[(o * length + k) * inner + j]);
                        double s = 0;
                        for (int k = 0; k < length; k++) s += Math.exp(x[(o * length + k) * inner + j] - max);
                        for (int k = 0; k < length; k++) {
                            int idx = (o * length + k) * inner + j;
                            double e = x[idx] - max;
                            double expected = log ? e - Math.log(s) : Math.exp(e) / s;
                            assertClose(expected, got[idx], 1e-6, 1e-6, (log ? "log" : "") + "softmax");
                        }
                    }
                }
            }
        }
    }

    @Test
    void poolRunsEveryTaskOnceAndRethrows() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int round = 0; round < 200; round++) {
                int count = 1 + round % 37;
                java.util.concurrent.atomic.AtomicIntegerArray hits = new java.util.concurrent.atomic.AtomicIntegerArray(count);
                pool.run(count, hits::incrementAndGet);
                for (int i = 0; i < count; i++) {
                    assertEquals(1, hits.get(i));
                }
            }
            org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> pool.run(8, i -> {
                if (i == 5) throw new ArithmeticException("task 5");
            }));
        }
    }
}
