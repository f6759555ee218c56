package dev.descent.spi;

import java.util.function.UnaryOperator;

/**
 * One node of a captured {@link Graph}: a single {@link Backend} kernel call with all its arguments fixed at
 * capture time (storages, lengths, strides, scalars), or a {@link Host} call back into Java (the optimizer
 * update that ends a training step). {@link #run(Backend)} issues exactly the call that eager execution
 * issued, so an interpreter that runs the nodes in order on the same storages reproduces eager results bit
 * for bit.
 *
 * <p>A backend that compiles graphs may pattern-match on the records (they are a closed set) to fuse or batch
 * them. Arrays held by a node (strides, shapes, row indices) are owned by it and never change.
 *
 * <p>Thread-safety: immutable; running a node is as thread-safe as the kernel it calls.
 */
public sealed interface GraphOp {
    /** Issues this node's kernel call on {@code backend}. */
    void run(Backend backend);

    /** The storages this node reads or writes, in argument order (empty for a {@link Host} node). */
    Storage[] storages();

    /** The storage this node writes, or null for a host call. */
    Storage output();

    /**
     * Whether this node overwrites every element of {@link #output()} without reading its old values, so a
     * buffer reused for it needs no clearing first.
     */
    boolean overwritesOutput();

    /** This node with every storage replaced by {@code map}'s choice (memory planning). */
    GraphOp withStorages(UnaryOperator<Storage> map);

    /** {@link Backend#fill}. */
    record Fill(Storage dst, int offset, int length, float value) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.fill(dst, offset, length, value);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {dst};
        }

        @Override
        public Storage output() {
            return dst;
        }

        @Override
        public boolean overwritesOutput() {
            return offset == 0 && length == dst.length();
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new Fill(map.apply(dst), offset, length, value);
        }
    }

    /** {@link Backend#copyStrided}. */
    record CopyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset, int[] dstStrides,
                       int[] shape) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.copyStrided(src, srcOffset, srcStrides, dst, dstOffset, dstStrides, shape);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {src, dst};
        }

        @Override
        public Storage output() {
            return dst;
        }

        @Override
        public boolean overwritesOutput() {
            return dstOffset == 0 && src != dst && Layouts.isDense(dstStrides, shape)
                    && Layouts.size(shape) == dst.length();
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new CopyStrided(map.apply(src), srcOffset, srcStrides, map.apply(dst), dstOffset, dstStrides,
                    shape);
        }
    }

    /** {@link Backend#unary}. */
    record Unary(UnaryOp op, Storage x, Storage out, int length, float a, float b) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.unary(op, x, out, length, a, b);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {x, out};
        }

        @Override
        public Storage output() {
            return out;
        }

        @Override
        public boolean overwritesOutput() {
            return x != out && length == out.length();
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new Unary(op, map.apply(x), map.apply(out), length, a, b);
        }
    }

    /** {@link Backend#binary}. */
    record Binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape)
            implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.binary(op, x, xStrides, y, yStrides, out, shape);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {x, y, out};
        }

        @Override
        public Storage output() {
            return out;
        }

        @Override
        public boolean overwritesOutput() {
            return x != out && y != out && Layouts.size(shape) == out.length();
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new Binary(op, map.apply(x), xStrides, map.apply(y), yStrides, map.apply(out), shape);
        }
    }

    /** {@link Backend#axpy}: reads and writes {@code y}. */
    record Axpy(float alpha, Storage x, Storage y, int length) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.axpy(alpha, x, y, length);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {x, y};
        }

        @Override
        public Storage output() {
            return y;
        }

        @Override
        public boolean overwritesOutput() {
            return false;
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new Axpy(alpha, map.apply(x), map.apply(y), length);
        }
    }

    /** {@link Backend#reduce}. */
    record Reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.reduce(op, x, outer, length, inner, out);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {x, out};
        }

        @Override
        public Storage output() {
            return out;
        }

        @Override
        public boolean overwritesOutput() {
            return x != out && (long) outer * inner == out.length();
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new Reduce(op, map.apply(x), outer, length, inner, map.apply(out));
        }
    }

    /** {@link Backend#softmax}. */
    record Softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.softmax(x, outer, length, inner, out, log);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {x, out};
        }

        @Override
        public Storage output() {
            return out;
        }

        @Override
        public boolean overwritesOutput() {
            return (long) outer * length * inner == out.length();
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new Softmax(map.apply(x), outer, length, inner, map.apply(out), log);
        }
    }

    /** {@link Backend#gemm}. */
    record Gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset, int lda,
                Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {a, b, c};
        }

        @Override
        public Storage output() {
            return c;
        }

        @Override
        public boolean overwritesOutput() {
            return beta == 0f && cOffset == 0 && ldc == n && (long) m * n == c.length();
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new Gemm(transA, transB, m, n, k, alpha, map.apply(a), aOffset, lda, map.apply(b), bOffset, ldb,
                    beta, map.apply(c), cOffset, ldc);
        }
    }

    /** {@link Backend#gatherRows}. */
    record GatherRows(Storage src, int rowLength, int[] rows, Storage dst) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.gatherRows(src, rowLength, rows, dst);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {src, dst};
        }

        @Override
        public Storage output() {
            return dst;
        }

        @Override
        public boolean overwritesOutput() {
            return src != dst && (long) rowLength * rows.length == dst.length();
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new GatherRows(map.apply(src), rowLength, rows, map.apply(dst));
        }
    }

    /** {@link Backend#scatterAddRows}: accumulates into {@code dst}. */
    record ScatterAddRows(Storage src, int rowLength, int[] rows, Storage dst) implements GraphOp {
        @Override
        public void run(Backend backend) {
            backend.scatterAddRows(src, rowLength, rows, dst);
        }

        @Override
        public Storage[] storages() {
            return new Storage[] {src, dst};
        }

        @Override
        public Storage output() {
            return dst;
        }

        @Override
        public boolean overwritesOutput() {
            return false;
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return new ScatterAddRows(map.apply(src), rowLength, rows, map.apply(dst));
        }
    }

    /**
     * A call back into Java between kernels, e.g. the optimizer update that ends a training step; it computes its
     * per-step host scalars (step count, scheduled learning rate, bias corrections) each time it runs.
     *
     * @param name   what it does, for messages and plan descriptions
     * @param action the call
     */
    record Host(String name, Runnable action) implements GraphOp {
        @Override
        public void run(Backend backend) {
            action.run();
        }

        @Override
        public Storage[] storages() {
            return new Storage[0];
        }

        @Override
        public Storage output() {
            return null;
        }

        @Override
        public boolean overwritesOutput() {
            return false;
        }

        @Override
        public GraphOp withStorages(UnaryOperator<Storage> map) {
            return this;
        }
    }
}
