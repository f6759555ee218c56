package dev.descent.backend.vector;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.StridedLoops;
import dev.descent.spi.UnaryOp;

import java.util.Arrays;

/**
 * The {@code vector} backend: float32 tensors in heap arrays, every kernel on {@code jdk.incubator.vector} SIMD
 * lanes of the preferred species ({@link VectorShapes}), large kernels on all cores.
 *
 * <h2>Kernels</h2>
 * Elementwise ops ({@link Elementwise}) run {@code loopBound} vector loops with scalar tails (axpy is a plain loop
 * that C2 auto-vectorises); exp, log, tanh and sigmoid use the lanewise SVML operators on x86-64 and inlined
 * polynomials elsewhere ({@link VectorMath}). GEMM is a packed, register-blocked kernel with dedicated
 * paths for matrix-vector, dot and outer products ({@link Gemm}).
 *
 * <p>Operands of at most a few thousand elements (and small GEMMs) take plain loops instead ({@link SmallKernels}):
 * the Vector API is 100-1000x slower until C2 has compiled it, which short jobs never outlive. The choice depends
 * on the size only; elementwise results have the same bits either way.
 *
 * <h2>Accumulation</h2>
 * Sums and dot products accumulate in float lanes: four independent vector accumulators (64 partial sums with
 * 512-bit vectors) over blocks of 65,536 elements, then one lane reduction per block; block results are added in
 * double, in block order, so results do not depend on the thread count. Means divide that sum by the length.
 * Sums along a strided axis accumulate each output in one float lane in index order. Each GEMM element is a float
 * FMA chain over k (in slices of 256, added in order); softmax sums its exponentials in float lanes like a sum.
 *
 * <h2>Threads</h2>
 * One {@link WorkerPool} of {@code -Ddescent.threads} threads (default: available processors, caller included),
 * daemon, started on the first large kernel, shared by all calls, stopped by {@link #close()}. Kernels below the
 * sizes in {@link Parallelism} and {@link Gemm} never leave the calling thread.
 *
 * <p>Thread-safe: calls from several threads on distinct output storages may run at once (a call that finds the
 * pool busy computes on its own thread).
 */
public final class VectorBackend implements Backend {
    private final WorkerPool pool;
    private final int threads;
    private final VectorOptimizerKernels optimizerKernels;

    VectorBackend() {
        this.threads = Threads.configured();
        this.pool = new WorkerPool(threads);
        this.optimizerKernels = new VectorOptimizerKernels(pool, threads);
    }

    @Override
    public dev.descent.spi.OptimizerKernels optimizerKernels() {
        return optimizerKernels;
    }

    @Override
    public String name() {
        return VectorBackendProvider.NAME;
    }

    @Override
    public String device() {
        return "cpu, " + threads + " threads, " + VectorShapes.describe();
    }

    /** The pool's thread count (caller included). */
    int threads() {
        return threads;
    }

    WorkerPool pool() {
        return pool;
    }

    private static float[] data(Storage s) {
        return ((HeapStorage) s).data;
    }

    // ---- memory ---------------------------------------------------------------------------------------------

    @Override
    public Storage allocate(int length) {
        return new HeapStorage(new float[length]);
    }

    @Override
    public Storage upload(float[] src, int offset, int length) {
        return new HeapStorage(Arrays.copyOfRange(src, offset, offset + length));
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
        Arrays.fill(data(dst), offset, offset + length, value);
    }

    @Override
    public void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        float[] s = data(src);
        float[] d = data(dst);
        int rank = shape.length;
        if (rank == 0) {
            d[dstOffset] = s[srcOffset];
            return;
        }
        int n = shape[rank - 1];
        int ss = srcStrides[rank - 1];
        int ds = dstStrides[rank - 1];
        if (rank == 1 && ss == 1 && ds == 1) {
            // a contiguous copy (batches, gradients, copies): no per-row callback, nothing allocated
            System.arraycopy(s, srcOffset, d, dstOffset, n);
            return;
        }
        StridedLoops.forEachRow(shape, srcOffset, srcStrides, dstOffset, dstStrides, (from, to) -> {
            if (ss == 1 && ds == 1) {
                System.arraycopy(s, from, d, to, n);
            } else if (ss == 0 && ds == 1) {
                Arrays.fill(d, to, to + n, s[from]);
            } else {
                for (int i = 0; i < n; i++) {
                    d[to + i * ds] = s[from + i * ss];
                }
            }
        });
    }

    // ---- elementwise ----------------------------------------------------------------------------------------

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length, float a, float b) {
        float[] xs = data(x);
        float[] os = data(out);
        if (SmallKernels.small(length) && SmallKernels.handles(op)) {
            SmallKernels.unary(op, xs, os, 0, length, a, b);
            return;
        }
        int threshold = Elementwise.isExpensive(op) ? Parallelism.TRANSCENDENTAL : Parallelism.ELEMENTWISE;
        if (length < threshold && ColdStartUnary.eligible(op)) {
            ColdStartUnary.unary(op, xs, os, length, a, b);
            return;
        }
        if (length < threshold || threads == 1) {
            Elementwise.unary(op, xs, os, 0, length, a, b);
            return;
        }
        pool.run(chunks(length), t -> {
            int from = t * Parallelism.CHUNK;
            Elementwise.unary(op, xs, os, from, Math.min(length, from + Parallelism.CHUNK), a, b);
        });
    }

    private static int chunks(int length) {
        return (length + Parallelism.CHUNK - 1) / Parallelism.CHUNK;
    }

    @Override
    public void binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape) {
        float[] xs = data(x);
        float[] ys = data(y);
        float[] os = data(out);
        int rank = shape.length;
        if (rank == 0) {
            Elementwise.binary(op, xs, 0, ys, 0, os, 0, 1);
            return;
        }
        int n = shape[rank - 1];
        int xLast = xStrides[rank - 1];
        int yLast = yStrides[rank - 1];
        if (rank == 1 && xLast == 1 && yLast == 1) {
            if (SmallKernels.small(n)) {
                SmallKernels.binary(op, xs, 0, ys, 0, os, 0, n);
            } else if (n < Parallelism.ELEMENTWISE || threads == 1) {
                Elementwise.binary(op, xs, 0, ys, 0, os, 0, n);
            } else {
                pool.run(chunks(n), t -> {
                    int from = t * Parallelism.CHUNK;
                    Elementwise.binary(op, xs, from, ys, from, os, from, Math.min(n, from + Parallelism.CHUNK) - from);
                });
            }
            return;
        }
        if (rank == 1) {
            row(op, xs, 0, xLast, ys, 0, yLast, os, 0, n);
            return;
        }
        if (rank == 2) {
            // row or column broadcasting, the common rank after core collapses dimensions: no callback object
            for (int r = 0; r < shape[0]; r++) {
                row(op, xs, r * xStrides[0], xLast, ys, r * yStrides[0], yLast, os, r * n, n);
            }
            return;
        }
        StridedLoops.forEachRow(shape, xStrides, yStrides, (xo, yo, oo) -> row(op, xs, xo, xLast, ys, yo, yLast, os,
                oo, n));
    }

    private static void row(BinaryOp op, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] o, int oo,
                            int n) {
        if (SmallKernels.small(n)) {
            smallRow(op, x, xo, xs, y, yo, ys, o, oo, n);
        } else if (xs == 1 && ys == 1) {
            Elementwise.binary(op, x, xo, y, yo, o, oo, n);
        } else if (xs == 1 && ys == 0) {
            Elementwise.binaryScalar(op, false, shifted(x, xo, o, oo, n), y[yo], o, oo, oo + n);
        } else if (xs == 0 && ys == 1) {
            Elementwise.binaryScalar(op, true, shifted(y, yo, o, oo, n), x[xo], o, oo, oo + n);
        } else {
            for (int i = 0; i < n; i++) {
                Elementwise.binary(op, x, xo + i * xs, y, yo + i * ys, o, oo + i, 1);
            }
        }
    }

    /** {@link #row} for a short row, with the plain loops of {@link SmallKernels} (the same results). */
    private static void smallRow(BinaryOp op, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] o,
                                 int oo, int n) {
        if (xs == 1 && ys == 1) {
            SmallKernels.binary(op, x, xo, y, yo, o, oo, n);
        } else if (xs == 1 && ys == 0) {
            SmallKernels.binaryScalar(op, false, shifted(x, xo, o, oo, n), y[yo], o, oo, oo + n);
        } else if (xs == 0 && ys == 1) {
            SmallKernels.binaryScalar(op, true, shifted(y, yo, o, oo, n), x[xo], o, oo, oo + n);
        } else {
            for (int i = 0; i < n; i++) {
                SmallKernels.binary(op, x, xo + i * xs, y, yo + i * ys, o, oo + i, 1);
            }
        }
    }

    /**
     * The unary kernels index input and output alike; when the input row starts at another offset than the output
     * row, copy it into the output first (then the op runs in place, which the kernels allow).
     */
    private static float[] shifted(float[] in, int io, float[] o, int oo, int n) {
        if (io == oo) {
            return in;
        }
        System.arraycopy(in, io, o, oo, n);
        return o;
    }

    @Override
    public void axpy(float alpha, Storage x, Storage y, int length) {
        float[] xs = data(x);
        float[] ys = data(y);
        if (length < Parallelism.ELEMENTWISE || threads == 1) {
            Elementwise.axpy(alpha, xs, 0, ys, 0, length);
            return;
        }
        pool.run(chunks(length), t -> {
            int from = t * Parallelism.CHUNK;
            Elementwise.axpy(alpha, xs, from, ys, from, Math.min(length, from + Parallelism.CHUNK) - from);
        });
    }

    // ---- reductions -----------------------------------------------------------------------------------------

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) {
        float[] xs = data(x);
        float[] os = data(out);
        long total = (long) outer * length * inner;
        if (SmallKernels.small(total)) {
            SmallKernels.reduceRows(op, xs, 0, outer, length, inner, os);
            return;
        }
        if (outer == 1 && inner == 1 && (op == ReduceOp.SUM || op == ReduceOp.MEAN)
                && length >= Parallelism.REDUCE && threads > 1) {
            int blocks = (length + Reductions.BLOCK - 1) / Reductions.BLOCK;
            float[] partial = new float[blocks];
            pool.run(blocks, t -> {
                int from = t * Reductions.BLOCK;
                partial[t] = Reductions.sum(xs, from, Math.min(length, from + Reductions.BLOCK));
            });
            double s = 0;
            for (float p : partial) {
                s += p;
            }
            os[0] = (float) (op == ReduceOp.MEAN ? s / length : s);
            return;
        }
        if (total < Parallelism.REDUCE || outer < 2 || threads == 1) {
            Reductions.reduceRows(op, xs, 0, outer, length, inner, os);
            return;
        }
        int tasks = Math.min(outer, 4 * threads);
        int chunk = (outer + tasks - 1) / tasks;
        pool.run(tasks, t -> Reductions.reduceRows(op, xs, t * chunk, Math.min(outer, (t + 1) * chunk), length,
                inner, os));
    }

    @Override
    public void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) {
        float[] xs = data(x);
        float[] os = data(out);
        long total = (long) outer * length * inner;
        if (SmallKernels.small(total) && SmallKernels.handles(UnaryOp.EXP)) {
            SmallKernels.softmaxRows(xs, 0, outer, length, inner, os, log);
            return;
        }
        if (total < Parallelism.TRANSCENDENTAL || outer < 2 || threads == 1) {
            Reductions.softmaxRows(xs, 0, outer, length, inner, os, log);
            return;
        }
        int tasks = Math.min(outer, 4 * threads);
        int chunk = (outer + tasks - 1) / tasks;
        pool.run(tasks, t -> Reductions.softmaxRows(xs, t * chunk, Math.min(outer, (t + 1) * chunk), length, inner,
                os, log));
    }

    // ---- linear algebra -------------------------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset,
                     int lda, Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) {
        if (SmallKernels.smallGemm(m, n, k)) {
            SmallKernels.gemm(transA, transB, m, n, k, alpha, data(a), aOffset, lda, data(b), bOffset, ldb, beta,
                    data(c), cOffset, ldc);
            return;
        }
        if (ColdStartGemm.eligible(m, n, k)) {
            ColdStartGemm.gemm(pool, transA, transB, m, n, k, alpha, data(a), aOffset, lda, data(b), bOffset, ldb,
                    beta, data(c), cOffset, ldc);
            return;
        }
        Gemm.gemm(pool, transA, transB, m, n, k, alpha, data(a), aOffset, lda, data(b), bOffset, ldb, beta, data(c),
                cOffset, ldc);
    }

    // ---- indexing -------------------------------------------------------------------------------------------

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
        boolean small = SmallKernels.small(rowLength);
        for (int i = 0; i < rows.length; i++) {
            if (small) {
                SmallKernels.binary(BinaryOp.ADD, d, rows[i] * rowLength, s, i * rowLength, d, rows[i] * rowLength,
                        rowLength);
            } else {
                Elementwise.binary(BinaryOp.ADD, d, rows[i] * rowLength, s, i * rowLength, d, rows[i] * rowLength,
                        rowLength);
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
