package dev.descent.fakes;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;

/**
 * The backend {@link FakeProviders.Available} creates: a name and a device, and no kernels (discovery tests
 * never compute). Every kernel throws.
 */
public final class FakeBackend implements Backend {
    private final String name;

    FakeBackend(String name) {
        this.name = name;
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("the fake backend of core's discovery tests has no kernels");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String device() {
        return "nothing, 0 threads";
    }

    @Override
    public Storage allocate(int length) {
        throw unsupported();
    }

    @Override
    public Storage upload(float[] src, int offset, int length) {
        throw unsupported();
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        throw unsupported();
    }

    @Override
    public void write(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        throw unsupported();
    }

    @Override
    public void fill(Storage dst, int offset, int length, float value) {
        throw unsupported();
    }

    @Override
    public void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        throw unsupported();
    }

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length, float a, float b) {
        throw unsupported();
    }

    @Override
    public void binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape) {
        throw unsupported();
    }

    @Override
    public void axpy(float alpha, Storage x, Storage y, int length) {
        throw unsupported();
    }

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) {
        throw unsupported();
    }

    @Override
    public void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) {
        throw unsupported();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset, int lda,
                     Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) {
        throw unsupported();
    }

    @Override
    public void gatherRows(Storage src, int rowLength, int[] rows, Storage dst) {
        throw unsupported();
    }

    @Override
    public void scatterAddRows(Storage src, int rowLength, int[] rows, Storage dst) {
        throw unsupported();
    }

    @Override
    public void close() {
    }
}
