package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every kernel of the TornadoVM backend against the scalar reference backend, on the device TornadoVM picks (PoCL
 * on a CPU in development). Runs only in the tornadovm profile, inside TornadoVM's argfile with bail-outs to
 * sequential Java turned into failures. Sizes are odd on purpose (1021, 1025, primes) and some span many
 * work-groups and both staging buffers.
 */
class TornadoVmKernelsTest {
    private static Backend gpu;
    private static Backend ref;

    @BeforeAll
    static void start() {
        gpu = Backends.get("tornadovm");
        ref = Backends.get("scalar");
    }

    @AfterAll
    static void stop() {
        // Backends owns the instances; nothing to close here.
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return v;
    }

    private static float[] read(Backend b, Storage s) {
        float[] out = new float[s.length()];
        b.download(s, 0, out, 0, out.length);
        return out;
    }

    private static void assertClose(float[] actual, float[] expected, double tolerance, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            float a = actual[i];
            float e = expected[i];
            if (Float.isNaN(e) || Float.isNaN(a)) {
                if (Float.isNaN(e) != Float.isNaN(a)) {
                    fail(what + ": element " + i + " is " + a + ", expected " + e);
                }
                continue;
            }
            if (Float.isInfinite(e) || Float.isInfinite(a)) {
                if (a != e) {
                    fail(what + ": element " + i + " is " + a + ", expected " + e);
                }
                continue;
            }
            if (Math.abs(a - e) > tolerance * Math.max(1, Math.abs(e))) {
                fail(what + ": element " + i + " is " + a + ", expected " + e + " (tolerance " + tolerance + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 1021, 1025, 70_001, 140_003})
    void uploadDownloadRoundTripsAndAllocateIsZero(int n) {
        float[] data = random(n, n);
        Storage s = gpu.upload(data, 0, n);
        assertThat(read(gpu, s)).containsExactly(data);
        float[] part = new float[5];
        gpu.download(s, n / 2, part, 0, Math.min(5, n - n / 2));
        assertThat(part[0]).isEqualTo(data[n / 2]);
        s.release();
        Storage zeros = gpu.allocate(n);
        assertThat(read(gpu, zeros)).containsOnly(0f);
        gpu.fill(zeros, 0, n, 2.5f);
        assertThat(read(gpu, zeros)).containsOnly(2.5f);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesReference(UnaryOp op) {
        float[] x = random(1025, 7);
        x[0] = Float.NaN;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = Float.NEGATIVE_INFINITY;
        x[3] = 0f;
        x[4] = -0f;
        x[5] = 90f;
        x[6] = -90f;
        float a = op == UnaryOp.POW ? 3f : -0.5f;
        float b = 0.75f;
        Storage gx = gpu.upload(x, 0, x.length);
        Storage gout = gpu.allocate(x.length);
        gpu.unary(op, gx, gout, x.length, a, b);
        Storage rx = ref.upload(x, 0, x.length);
        Storage rout = ref.allocate(x.length);
        ref.unary(op, rx, rout, x.length, a, b);
        assertClose(read(gpu, gout), read(ref, rout), 2e-6, op.name());
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryBroadcastsLikeReference(BinaryOp op) {
        int rows = 37;
        int cols = 29;
        float[] x = random(rows * cols, 11);
        float[] y = random(cols, 12);
        x[0] = Float.NaN;
        y[3] = Float.NaN;
        y[4] = x[4];
        if (op == BinaryOp.POW) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.abs(x[i]);
            }
        }
        int[] shape = {rows, cols};
        int[] xStrides = {cols, 1};
        int[] yStrides = {0, 1};
        Storage g = gpu.allocate(rows * cols);
        gpu.binary(op, gpu.upload(x, 0, x.length), xStrides, gpu.upload(y, 0, y.length), yStrides, g, shape);
        Storage r = ref.allocate(rows * cols);
        ref.binary(op, ref.upload(x, 0, x.length), xStrides, ref.upload(y, 0, y.length), yStrides, r, shape);
        assertClose(read(gpu, g), read(ref, r), 2e-6, op.name());
    }

    @Test
    void binaryBroadcastsInRankFive() {
        int[] shape = {2, 3, 2, 3, 5};
        int[] xStrides = {90, 30, 15, 5, 1};
        int[] yStrides = {0, 10, 0, 0, 2};      // y is [1, 3, 1, 1, 5] stored with a stride of 2 on the last axis
        float[] x = random(180, 71);
        float[] y = random(30, 72);
        Storage g = gpu.allocate(180);
        gpu.binary(BinaryOp.SUB, gpu.upload(x, 0, 180), xStrides, gpu.upload(y, 0, 30), yStrides, g, shape);
        Storage r = ref.allocate(180);
        ref.binary(BinaryOp.SUB, ref.upload(x, 0, 180), xStrides, ref.upload(y, 0, 30), yStrides, r, shape);
        assertThat(read(gpu, g)).containsExactly(read(ref, r));
    }

    @Test
    void axpyAndStridedCopy() {
        float[] x = random(1021, 3);
        float[] y = random(1021, 4);
        Storage gy = gpu.upload(y, 0, y.length);
        gpu.axpy(-1.5f, gpu.upload(x, 0, x.length), gy, x.length);
        float[] expected = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            expected[i] = y[i] + -1.5f * x[i];
        }
        assertClose(read(gpu, gy), expected, 1e-6, "axpy");

        // transpose a [13, 7, 3] tensor to [3, 13, 7]
        float[] t = random(13 * 7 * 3, 5);
        int[] shape = {3, 13, 7};
        int[] src = {1, 21, 3};
        int[] dst = {91, 7, 1};
        Storage g = gpu.allocate(t.length);
        gpu.copyStrided(gpu.upload(t, 0, t.length), 0, src, g, 0, dst, shape);
        Storage r = ref.allocate(t.length);
        ref.copyStrided(ref.upload(t, 0, t.length), 0, src, r, 0, dst, shape);
        assertThat(read(gpu, g)).containsExactly(read(ref, r));
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reductionsOverManyLinesAndOneLongLine(ReduceOp op) {
        int[][] shapes = {{3, 1025, 5}, {1, 1_000_003, 1}, {2, 65_537, 1}, {257, 31, 1}, {1, 1, 1}};
        for (int[] s : shapes) {
            int n = s[0] * s[1] * s[2];
            float[] x = random(n, n);
            if (op == ReduceOp.SUM || op == ReduceOp.MEAN) {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.abs(x[i]) + 0.25f;   // no cancellation: a relative tolerance means something
                }
            }
            if (s[1] > 4096) {
                x[n - 3] = 50f;                      // the extreme sits in the last work-group
                x[n - 2] = 50f;                      // a tie: the first index wins
            }
            Storage g = gpu.allocate(s[0] * s[2]);
            gpu.reduce(op, gpu.upload(x, 0, n), s[0], s[1], s[2], g);
            Storage r = ref.allocate(s[0] * s[2]);
            ref.reduce(op, ref.upload(x, 0, n), s[0], s[1], s[2], r);
            assertClose(read(gpu, g), read(ref, r), 1e-5, op + " " + java.util.Arrays.toString(s));
        }
    }

    @Test
    void extremeReductionsPropagateTheFirstNaN() {
        float[] x = random(100_000, 9);
        x[70_000] = Float.NaN;
        x[80_000] = Float.NaN;
        for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.ARGMAX, ReduceOp.ARGMIN}) {
            Storage g = gpu.allocate(1);
            gpu.reduce(op, gpu.upload(x, 0, x.length), 1, x.length, 1, g);
            float v = read(gpu, g)[0];
            if (op == ReduceOp.MAX) {
                assertThat(v).isNaN();
            } else {
                assertThat(v).as(op.name()).isEqualTo(70_000f);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void softmaxMatchesReference(boolean log) {
        int outer = 5;
        int length = 1021;
        int inner = 3;
        float[] x = random(outer * length * inner, 21);
        x[0] = 80f;
        Storage g = gpu.allocate(x.length);
        gpu.softmax(gpu.upload(x, 0, x.length), outer, length, inner, g, log);
        Storage r = ref.allocate(x.length);
        ref.softmax(ref.upload(x, 0, x.length), outer, length, inner, r, log);
        assertClose(read(gpu, g), read(ref, r), 1e-5, "softmax log=" + log);
    }

    @Test
    void gemmMatchesReferenceForEveryTransposeOffsetsAndOddSizes() {
        int m = 33;
        int n = 17;
        int k = 65;
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (float beta : new float[] {0f, 0.5f}) {
                    int lda = (transA ? m : k) + 3;
                    int ldb = (transB ? k : n) + 2;
                    int ldc = n + 1;
                    float[] a = random(5 + (transA ? k : m) * lda, 31);
                    float[] b = random(7 + (transB ? n : k) * ldb, 32);
                    float[] c = random(m * ldc, 33);
                    Storage gc = gpu.upload(c, 0, c.length);
                    gpu.gemm(transA, transB, m, n, k, 1.25f, gpu.upload(a, 0, a.length), 5, lda,
                            gpu.upload(b, 0, b.length), 7, ldb, beta, gc, 0, ldc);
                    Storage rc = ref.upload(c, 0, c.length);
                    ref.gemm(transA, transB, m, n, k, 1.25f, ref.upload(a, 0, a.length), 5, lda,
                            ref.upload(b, 0, b.length), 7, ldb, beta, rc, 0, ldc);
                    assertClose(read(gpu, gc), read(ref, rc), 2e-5,
                            "gemm transA=" + transA + " transB=" + transB + " beta=" + beta);
                }
            }
        }
    }

    @Test
    void largeGemmSpansManyTiles() {
        int m = 257;
        int n = 129;
        int k = 300;
        float[] a = random(m * k, 41);
        float[] b = random(k * n, 42);
        Storage gc = gpu.allocate(m * n);
        gpu.gemm(false, false, m, n, k, 1f, gpu.upload(a, 0, a.length), 0, k, gpu.upload(b, 0, b.length), 0, n,
                0f, gc, 0, n);
        Storage rc = ref.allocate(m * n);
        ref.gemm(false, false, m, n, k, 1f, ref.upload(a, 0, a.length), 0, k, ref.upload(b, 0, b.length), 0, n,
                0f, rc, 0, n);
        assertClose(read(gpu, gc), read(ref, rc), 1e-4, "gemm 257x129x300");
    }

    @Test
    void gatherAndScatterAddWithRepeatedRows() {
        int rowsInTable = 100;
        int rowLength = 7;
        float[] table = random(rowsInTable * rowLength, 51);
        int[] rows = {3, 99, 3, 0, 42, 3};
        Storage g = gpu.allocate(rows.length * rowLength);
        gpu.gatherRows(gpu.upload(table, 0, table.length), rowLength, rows, g);
        Storage r = ref.allocate(rows.length * rowLength);
        ref.gatherRows(ref.upload(table, 0, table.length), rowLength, rows, r);
        assertThat(read(gpu, g)).containsExactly(read(ref, r));

        float[] updates = random(rows.length * rowLength, 52);
        Storage gt = gpu.upload(table, 0, table.length);
        gpu.scatterAddRows(gpu.upload(updates, 0, updates.length), rowLength, rows, gt);
        Storage rt = ref.upload(table, 0, table.length);
        ref.scatterAddRows(ref.upload(updates, 0, updates.length), rowLength, rows, rt);
        assertClose(read(gpu, gt), read(ref, rt), 1e-6, "scatterAddRows");
    }

    @Test
    void repeatedStepsMoveNoTensorDataUntilRead() {
        TornadoVmBackend backend = (TornadoVmBackend) gpu;
        int n = 4099;
        Storage w = backend.upload(random(n, 61), 0, n);
        Storage grad = backend.upload(random(n, 62), 0, n);
        Storage tmp = backend.allocate(n);
        Storage loss = backend.allocate(1);
        // One warm-up step compiles the graphs used below.
        step(backend, w, grad, tmp, loss, n);
        TransferStats.Snapshot before = backend.transfers();
        for (int i = 0; i < 10; i++) {
            step(backend, w, grad, tmp, loss, n);
        }
        TransferStats.Snapshot during = backend.transfers().minus(before);
        assertThat(during.dataBytes()).isZero();
        assertThat(during.launches()).isEqualTo(40);
        float[] one = new float[1];
        backend.download(loss, 0, one, 0, 1);
        assertThat(backend.transfers().minus(before).dataToHostBytes()).isEqualTo(KernelPlan.TINY_STAGING * Float.BYTES);
    }

    private static void step(Backend b, Storage w, Storage grad, Storage tmp, Storage loss, int n) {
        b.unary(UnaryOp.SQUARE, w, tmp, n, 0f, 0f);
        b.reduce(ReduceOp.SUM, tmp, 1, n, 1, loss);
        b.unary(UnaryOp.MULTIPLY, w, grad, n, 2f, 0f);
        b.axpy(-0.01f, grad, w, n);
    }
}
