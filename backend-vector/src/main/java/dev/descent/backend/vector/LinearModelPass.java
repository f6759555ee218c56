package dev.descent.backend.vector;

import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The fused training step of a one-output linear model ({@link LinearModelFusion}): one pass over the batch in
 * blocks of rows that fit in L1, computing for each block the logits {@code x·w + b}, each row's loss term and
 * gradient ({@link LinearModelFusion.RowLoss}), and adding each row's contribution {@code g·x} to the weight
 * gradient while the block is still in cache; then the mean loss and the bias gradient (sums over the batch's
 * per-row values in the order of the backend's own reduction: {@link SmallSums} below the small-kernel size, the
 * reduction itself above).
 *
 * <h2>Order of operations (why the bits are the interpreter's)</h2>
 * The forward product is, per row, the interpreter's: the small-GEMM path's FMA chain over the features in index
 * order (here eight rows' chains interleaved), or one
 * {@link Reductions#dot} per row for larger products. The weight gradient is an FMA chain over the rows in row
 * order for every feature, as both the small GEMM and the transposed matrix-vector path compute it. Everything
 * else is elementwise.
 *
 * <p>Threads: the pass runs on the calling thread. The weight gradient is a chain over the rows, so splitting the
 * rows over threads would change its bits; for the batch sizes SGD uses (a few hundred rows, a few µs of work)
 * a hand-off to another core costs more than the whole pass.
 */
final class LinearModelPass implements Runnable, BindsInput {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;
    private static final int L = S.length();
    /** Bytes of rows per block: a quarter of the smallest L1 data cache an x86-64 or AArch64 core has (32 KiB). */
    private static final int BLOCK_BYTES = 8 * 1024;

    private final VectorBackend backend;
    private final Storage input;
    /** The rows read: the plan's input buffer, or the data set's storage it is bound to ({@link #bind}). */
    private float[] x;
    /** Where row 0 starts in {@link #x}. */
    private int xo;
    private final float[] w;
    private final float[] bias;
    private final float[] y;
    private final int rows;
    private final int features;
    private final boolean fmaChainForward;
    private final LinearModelFusion.RowLoss loss;
    private final Storage lossOut;
    private final Storage biasGradOut;
    private final float[] weightGrad;
    private final int blockRows;
    private final float[] logits;
    private final HeapStorage terms;
    private final HeapStorage grads;
    private final boolean smallSums;

    LinearModelPass(VectorBackend backend, Storage x, Storage w, Storage bias, Storage y, int rows, int features,
                    boolean fmaChainForward, LinearModelFusion.RowLoss loss, Storage lossOut, Storage biasGradOut,
                    Storage weightGrad) {
        this.backend = backend;
        this.input = x;
        this.x = GraphView.data(x);
        this.w = GraphView.data(w);
        this.bias = GraphView.data(bias);
        this.y = GraphView.data(y);
        this.rows = rows;
        this.features = features;
        this.fmaChainForward = fmaChainForward;
        this.loss = loss;
        this.lossOut = lossOut;
        this.biasGradOut = biasGradOut;
        this.weightGrad = GraphView.data(weightGrad);
        this.blockRows = Math.max(L, BLOCK_BYTES / (4 * features) / L * L);
        this.logits = new float[rows];
        this.terms = new HeapStorage(new float[rows]);
        this.grads = new HeapStorage(new float[rows]);
        this.smallSums = SmallKernels.small(rows);
    }

    /**
     * Reads the rows from {@code storage} starting at {@code offset} instead of the plan's input buffer
     * {@code input} (the same values a copy would have put there), when {@code input} is the buffer this pass
     * reads its rows from; returns whether it is.
     */
    @Override
    public boolean bind(Storage input, Storage storage, int offset) {
        if (input != this.input) {
            return false;
        }
        this.x = GraphView.data(storage);
        this.xo = offset;
        return true;
    }

    @Override
    public boolean reads(Storage storage) {
        return storage == input;
    }

    @Override
    public void run() {
        Arrays.fill(weightGrad, 0, features, 0f);
        float b = bias[0];
        for (int from = 0; from < rows; from += blockRows) {
            int to = Math.min(rows, from + blockRows);
            forward(from, to, b);
            loss.rows(logits, y, terms.data, grads.data, from, to);
            accumulate(from, to);
        }
        if (smallSums) {
            GraphView.data(lossOut)[0] = SmallSums.sum(terms.data, rows) / rows;
            GraphView.data(biasGradOut)[0] = SmallSums.sum(grads.data, rows);
        } else {
            backend.reduce(ReduceOp.MEAN, terms, 1, rows, 1, lossOut);
            backend.reduce(ReduceOp.SUM, grads, 1, rows, 1, biasGradOut);
        }
    }

    /**
     * {@code weightGrad[j] = fma(g_i, x_ij, weightGrad[j])} for the rows {@code [from, to)} in order: the
     * interpreter's chain over the rows ({@link Elementwise#axpy} per row), with the accumulators of four vectors
     * of columns held in registers across the block's rows instead of loaded and stored per row.
     */
    private void accumulate(int from, int to) {
        float[] g = grads.data;
        float[] x = this.x;
        int xo = this.xo;
        int j = 0;
        for (; j + 4 * L <= features; j += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, weightGrad, j);
            FloatVector a1 = FloatVector.fromArray(S, weightGrad, j + L);
            FloatVector a2 = FloatVector.fromArray(S, weightGrad, j + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, weightGrad, j + 3 * L);
            for (int i = from; i < to; i++) {
                FloatVector gi = FloatVector.broadcast(S, g[i]);
                int o = xo + i * features + j;
                a0 = gi.fma(FloatVector.fromArray(S, x, o), a0);
                a1 = gi.fma(FloatVector.fromArray(S, x, o + L), a1);
                a2 = gi.fma(FloatVector.fromArray(S, x, o + 2 * L), a2);
                a3 = gi.fma(FloatVector.fromArray(S, x, o + 3 * L), a3);
            }
            a0.intoArray(weightGrad, j);
            a1.intoArray(weightGrad, j + L);
            a2.intoArray(weightGrad, j + 2 * L);
            a3.intoArray(weightGrad, j + 3 * L);
        }
        for (; j + L <= features; j += L) {
            FloatVector a0 = FloatVector.fromArray(S, weightGrad, j);
            for (int i = from; i < to; i++) {
                a0 = FloatVector.broadcast(S, g[i]).fma(FloatVector.fromArray(S, x, xo + i * features + j), a0);
            }
            a0.intoArray(weightGrad, j);
        }
        for (; j < features; j++) {
            float a = weightGrad[j];
            for (int i = from; i < to; i++) {
                a = Math.fma(g[i], x[xo + i * features + j], a);
            }
            weightGrad[j] = a;
        }
    }

    /** {@code logits[i] = x_i·w + b} for rows {@code [from, to)}, in the interpreter's order. */
    private void forward(int from, int to, float b) {
        float[] x = this.x;
        int xo = this.xo;
        if (!fmaChainForward) {
            for (int i = from; i < to; i++) {
                logits[i] = Reductions.dot(x, xo + i * features, w, 0, features) + b;
            }
            return;
        }
        // eight rows' chains side by side (eight independent FMA latencies in flight); each row's chain is the
        // small GEMM's, p = 0, 1, ... in order. Vector gathers of one feature across rows were measured slower.
        int i = from;
        for (; i + 8 <= to; i += 8) {
            int r0 = xo + i * features;
            float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, a4 = 0f, a5 = 0f, a6 = 0f, a7 = 0f;
            for (int p = 0; p < features; p++) {
                float wp = w[p];
                int o = r0 + p;
                a0 = Math.fma(x[o], wp, a0);
                a1 = Math.fma(x[o + features], wp, a1);
                a2 = Math.fma(x[o + 2 * features], wp, a2);
                a3 = Math.fma(x[o + 3 * features], wp, a3);
                a4 = Math.fma(x[o + 4 * features], wp, a4);
                a5 = Math.fma(x[o + 5 * features], wp, a5);
                a6 = Math.fma(x[o + 6 * features], wp, a6);
                a7 = Math.fma(x[o + 7 * features], wp, a7);
            }
            logits[i] = a0 + b;
            logits[i + 1] = a1 + b;
            logits[i + 2] = a2 + b;
            logits[i + 3] = a3 + b;
            logits[i + 4] = a4 + b;
            logits[i + 5] = a5 + b;
            logits[i + 6] = a6 + b;
            logits[i + 7] = a7 + b;
        }
        for (; i < to; i++) {
            int base = xo + i * features;
            float acc = 0f;
            for (int p = 0; p < features; p++) {
                acc = Math.fma(x[base + p], w[p], acc);
            }
            logits[i] = acc + b;
        }
    }
}
