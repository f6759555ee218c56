package dev.descent.conformance;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * A stand-in for "some other backend" in the error cases: it only has a name, and every kernel fails, because
 * core must reject a mixed-backend operation before any kernel runs. Not a backend to compute with.
 */
final class ForeignBackend implements Backend {
    static final String NAME = "foreign-stub";
    static final ForeignBackend INSTANCE = new ForeignBackend();

    /** A tensor of {@code dims} that claims to live on this backend. */
    static Tensor tensor(int... dims) {
        Shape shape = Shape.of(dims);
        Storage storage = shape::size;
        return Tensor.wrap(INSTANCE, storage, shape);
    }

    private static UnsupportedOperationException called() {
        return new UnsupportedOperationException("a kernel of the foreign stub backend ran: core should have "
                + "rejected the mixed-backend operation first");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String device() {
        return "none";
    }

    @Override
    public Storage allocate(int length) {
        throw called();
    }

    @Override
    public Storage upload(float[] src, int offset, int length) {
        throw called();
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        throw called();
    }

    @Override
    public void write(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        throw called();
    }

    @Override
    public void fill(Storage dst, int offset, int length, float value) {
        throw called();
    }

    @Override
    public void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        throw called();
    }

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length, float a, float b) {
        throw called();
    }

    @Override
    public void binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape) {
        throw called();
    }

    @Override
    public void axpy(float alpha, Storage x, Storage y, int length) {
        throw called();
    }

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) {
        throw called();
    }

    @Override
    public void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) {
        throw called();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset, int lda,
                     Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) {
        throw called();
    }

    @Override
    public void gatherRows(Storage src, int rowLength, int[] rows, Storage dst) {
        throw called();
    }

    @Override
    public void scatterAddRows(Storage src, int rowLength, int[] rows, Storage dst) {
        throw called();
    }

    @Override
    public void close() {
    }
}
