package dev.descent.backend.scalar;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.OptimizerKernels;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.StridedLoops;
import dev.descent.spi.UnaryOp;

/**
 * The reference {@link Backend}: heap {@code float[]} storage and plain loops on the calling thread.
 *
 * <p>Accumulation: sums, means, softmax denominators, dot products and GEMM accumulate in double and round to
 * float once; elementwise transcendentals are computed in double and rounded once. Results are therefore
 * deterministic and independent of any thread count.
 *
 * <p>Thread-safe: it holds no mutable state; concurrent calls on distinct output storages are fine.
 */
public final class ScalarBackend implements Backend {
    static final String NAME = "scalar";
    static final String DEVICE = "cpu, 1 thread, plain Java loops";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String device() {
        return DEVICE;
    }

    private static float[] data(Storage s) {
        return ((HeapStorage) s).data();
    }

    @Override
    public Storage allocate(int length) {
        return new HeapStorage(new float[length]);
    }

    @Override
    public Storage upload(float[] src, int offset, int length) {
        return new HeapStorage(java.util.Arrays.copyOfRange(src, offset, offset + length));
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        System.arraycopy(data(src), srcOffset, dst, dstOffset, length);
    }

    @Override
    public void write(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        System.arraycopy(src, srcOffset, data(dst), dstOffset, length);
    }

    @Override
    public void fill(Storage dst, int offset, int length, float value) {
        java.util.Arrays.fill(data(dst), offset, offset + length, value);
    }

    @Override
    public void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        float[] s = data(src);
        float[] d = data(dst);
        int last = shape.length - 1;
        int n = shape[last];
        int ss = srcStrides[last];
        int ds = dstStrides[last];
        if (last == 0 && ss == 1 && ds == 1) {
            // a contiguous copy (batches, gradients, copies): no per-row callback, nothing allocated
            System.arraycopy(s, srcOffset, d, dstOffset, n);
            return;
        }
        StridedLoops.forEachRow(shape, srcOffset, srcStrides, dstOffset, dstStrides, (so, dOff) -> {
            if (ss == 1 && ds == 1) {
                System.arraycopy(s, so, d, dOff, n);
            } else {
                for (int i = 0; i < n; i++) {
                    d[dOff + i * ds] = s[so + i * ss];
                }
            }
        });
    }

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length, float a, float b) {
        ScalarElementwise.unary(op, data(x), data(out), length, a, b);
    }

    @Override
    public void binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape) {
        ScalarElementwise.binary(op, data(x), xStrides, data(y), yStrides, data(out), shape);
    }

    @Override
    public void axpy(float alpha, Storage x, Storage y, int length) {
        float[] xs = data(x);
        float[] ys = data(y);
        for (int i = 0; i < length; i++) {
            ys[i] += alpha * xs[i];
        }
    }

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) {
        ScalarReductions.reduce(op, data(x), outer, length, inner, data(out));
    }

    @Override
    public void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) {
        ScalarReductions.softmax(data(x), outer, length, inner, data(out), log);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset, int lda,
                     Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) {
        ScalarGemm.gemm(transA, transB, m, n, k, alpha, data(a), aOffset, lda, data(b), bOffset, ldb, beta, data(c),
                cOffset, ldc);
    }

    @Override
    public void gatherRows(Storage src, int rowLength, int[] rows, Storage dst) {
        float[] s = data(src);
        float[] d = data(dst);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(s, rows[i] * rowLength, d, i * rowLength, rowLength);
        }
    }

    @Override
    public void scatterAddRows(Storage src, int rowLength, int[] rows, Storage dst) {
        float[] s = data(src);
        float[] d = data(dst);
        for (int i = 0; i < rows.length; i++) {
            int to = rows[i] * rowLength;
            int from = i * rowLength;
            for (int j = 0; j < rowLength; j++) {
                d[to + j] += s[from + j];
            }
        }
    }

    @Override
    public OptimizerKernels optimizerKernels() {
        return ScalarOptimizerKernels.INSTANCE;
    }

    @Override
    public void close() {
        // Heap arrays only: nothing to release.
    }
}
