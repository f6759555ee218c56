package dev.descent.conformance;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;

/**
 * A backend that forwards every kernel to another one but offers no fused optimizer kernel
 * ({@link Backend#optimizerKernels()} and {@link Backend#optimizerKernel(Class)} keep their defaults), so
 * optimizers on it run each algorithm's reference update in tensor operations on top of the delegate's kernels.
 * Lets the optimizer suite check every fused kernel against the reference on every backend. Tensors must be created on this wrapper, not on the
 * delegate.
 */
final class WithoutFusedOptimizerKernels implements Backend {
    private final Backend delegate;

    WithoutFusedOptimizerKernels(Backend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name() + "+reference-optimizers";
    }

    @Override
    public String device() {
        return delegate.device();
    }

    @Override
    public Storage allocate(int length) {
        return delegate.allocate(length);
    }

    @Override
    public Storage upload(float[] src, int offset, int length) {
        return delegate.upload(src, offset, length);
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        delegate.download(src, srcOffset, dst, dstOffset, length);
    }

    @Override
    public void write(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        delegate.write(src, srcOffset, dst, dstOffset, length);
    }

    @Override
    public void fill(Storage dst, int offset, int length, float value) {
        delegate.fill(dst, offset, length, value);
    }

    @Override
    public void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        delegate.copyStrided(src, srcOffset, srcStrides, dst, dstOffset, dstStrides, shape);
    }

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length, float a, float b) {
        delegate.unary(op, x, out, length, a, b);
    }

    @Override
    public void binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape) {
        delegate.binary(op, x, xStrides, y, yStrides, out, shape);
    }

    @Override
    public void axpy(float alpha, Storage x, Storage y, int length) {
        delegate.axpy(alpha, x, y, length);
    }

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) {
        delegate.reduce(op, x, outer, length, inner, out);
    }

    @Override
    public void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) {
        delegate.softmax(x, outer, length, inner, out, log);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset,
                     int lda, Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) {
        delegate.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void gatherRows(Storage src, int rowLength, int[] rows, Storage dst) {
        delegate.gatherRows(src, rowLength, rows, dst);
    }

    @Override
    public void scatterAddRows(Storage src, int rowLength, int[] rows, Storage dst) {
        delegate.scatterAddRows(src, rowLength, rows, dst);
    }

    @Override
    public void close() {
        // The delegate belongs to its creator.
    }
}
