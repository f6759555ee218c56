package dev.descent.data;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.StridedLoops;
import dev.descent.spi.UnaryOp;

/**
 * The memory and indexing kernels of a heap backend, enough for data loading tests in core (which may not
 * depend on a real backend module); arithmetic kernels are not needed here and throw.
 */
final class HostTestBackend implements Backend {
    record Heap(float[] data) implements Storage {
        @Override
        public int length() {
            return data.length;
        }
    }

    private static float[] a(Storage s) {
        return ((Heap) s).data();
    }

    @Override
    public String name() {
        return "host-test";
    }

    @Override
    public String device() {
        return "heap";
    }

    @Override
    public Storage allocate(int length) {
        return new Heap(new float[length]);
    }

    @Override
    public Storage upload(float[] src, int offset, int length) {
        float[] d = new float[length];
        System.arraycopy(src, offset, d, 0, length);
        return new Heap(d);
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        System.arraycopy(a(src), srcOffset, dst, dstOffset, length);
    }

    @Override
    public void write(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        System.arraycopy(src, srcOffset, a(dst), dstOffset, length);
    }

    @Override
    public void fill(Storage dst, int offset, int length, float value) {
        java.util.Arrays.fill(a(dst), offset, offset + length, value);
    }

    @Override
    public void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        float[] s = a(src);
        float[] d = a(dst);
        if (shape.length == 0) {
            d[dstOffset] = s[srcOffset];
            return;
        }
        int last = shape.length - 1;
        int n = shape[last];
        StridedLoops.forEachRow(shape, srcOffset, srcStrides, dstOffset, dstStrides, (so, dO) -> {
            for (int i = 0; i < n; i++) {
                d[dO + i * dstStrides[last]] = s[so + i * srcStrides[last]];
            }
        });
    }

    @Override
    public void gatherRows(Storage src, int rowLength, int[] rows, Storage dst) {
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(a(src), rows[i] * rowLength, a(dst), i * rowLength, rowLength);
        }
    }

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length, float p, float q) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void binary(BinaryOp op, Storage x, int[] xs, Storage y, int[] ys, Storage out, int[] shape) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void axpy(float alpha, Storage x, Storage y, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset,
                     int lda, Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void scatterAddRows(Storage src, int rowLength, int[] rows, Storage dst) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
