package dev.descent.compile.checks;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.OptimizerKernels;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;

import java.util.concurrent.atomic.AtomicLong;

/** A backend that forwards every call to another and counts the storages made ({@code allocate}, {@code upload}). */
final class CountingBackend implements Backend {
    private final Backend inner;
    private final AtomicLong storages = new AtomicLong();

    CountingBackend(Backend inner) {
        this.inner = inner;
    }

    long storages() {
        return storages.get();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String device() {
        return inner.device();
    }

    @Override
    public Storage allocate(int length) {
        storages.incrementAndGet();
        return inner.allocate(length);
    }

    @Override
    public Storage upload(float[] src, int offset, int length) {
        storages.incrementAndGet();
        return inner.upload(src, offset, length);
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        inner.download(src, srcOffset, dst, dstOffset, length);
    }

    @Override
    public void write(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        inner.write(src, srcOffset, dst, dstOffset, length);
    }

    @Override
    public void fill(Storage dst, int offset, int length, float value) {
        inner.fill(dst, offset, length, value);
    }

    @Override
    public void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        inner.copyStrided(src, srcOffset, srcStrides, dst, dstOffset, dstStrides, shape);
    }

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length, float a, float b) {
        inner.unary(op, x, out, length, a, b);
    }

    @Override
    public void binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape) {
        inner.binary(op, x, xStrides, y, yStrides, out, shape);
    }

    @Override
    public void axpy(float alpha, Storage x, Storage y, int length) {
        inner.axpy(alpha, x, y, length);
    }

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) {
        this.inner.reduce(op, x, outer, length, inner, out);
    }

    @Override
    public void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) {
        this.inner.softmax(x, outer, length, inner, out, log);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset,
                     int lda, Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) {
        inner.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void gatherRows(Storage src, int rowLength, int[] rows, Storage dst) {
        inner.gatherRows(src, rowLength, rows, dst);
    }

    @Override
    public void scatterAddRows(Storage src, int rowLength, int[] rows, Storage dst) {
        inner.scatterAddRows(src, rowLength, rows, dst);
    }

    @Override
    public OptimizerKernels optimizerKernels() {
        return inner.optimizerKernels();
    }

    @Override
    public void close() {
        // the inner backend belongs to the caller
    }
}
