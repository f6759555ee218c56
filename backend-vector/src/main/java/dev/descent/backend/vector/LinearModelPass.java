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
 * per-row values, by the backend's own reduction so their order is the interpreter's).
 *
 * <h2>Order of operations (why the bits are the interpreter's)</h2>
 * The forward product is, per row, the interpreter's: the small-GEMM path's FMA chain over the features in index
 * order (here computed for {@code L} rows at once, one row per lane, reading the rows with a gather), or one
 * {@link Reductions#dot} per row for larger products. The weight gradient is an FMA chain over the rows in row
 * order for every feature, as both the small GEMM and the transposed matrix-vector path compute it. Everything
 * else is elementwise.
 *
 * <p>Threads: the pass runs on the calling thread. The weight gradient is a chain over the rows, so splitting the
 * rows over threads would change its bits; for the batch sizes SGD uses (a few hundred rows, a few µs of work)
 * a hand-off to another core costs more than the whole pass.
 */
final class LinearModelPass implements Runnable {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;
    private static final int L = S.length();
    /** Bytes of rows per block: a quarter of the smallest L1 data cache an x86-64 or AArch64 core has (32 KiB). */
    private static final int BLOCK_BYTES = 8 * 1024;

    private final VectorBackend backend;
    private final float[] x;
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
    private final int[] rowIndex;
    private final float[] logits;
    private final HeapStorage terms;
    private final HeapStorage grads;

    LinearModelPass(VectorBackend backend, Storage x, Storage w, Storage bias, Storage y, int rows, int features,
                    boolean fmaChainForward, LinearModelFusion.RowLoss loss, Storage lossOut, Storage biasGradOut,
                    Storage weightGrad) {
        this.backend = backend;
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
        this.rowIndex = new int[L];
        for (int l = 0; l < L; l++) {
            rowIndex[l] = l * features;
        }
        this.logits = new float[rows];
        this.terms = new HeapStorage(new float[rows]);
        this.grads = new HeapStorage(new float[rows]);
    }

    @Override
    public void run() {
        Arrays.fill(weightGrad, 0, features, 0f);
        float b = bias[0];
        for (int from = 0; from < rows; from += blockRows) {
            int to = Math.min(rows, from + blockRows);
            forward(from, to, b);
            loss.rows(logits, y, terms.data, grads.data, from, to);
            for (int i = from; i < to; i++) {
                Elementwise.axpy(grads.data[i], x, i * features, weightGrad, 0, features);
            }
        }
        backend.reduce(ReduceOp.MEAN, terms, 1, rows, 1, lossOut);
        backend.reduce(ReduceOp.SUM, grads, 1, rows, 1, biasGradOut);
    }

    /** {@code logits[i] = x_i·w + b} for rows {@code [from, to)}, in the interpreter's order. */
    private void forward(int from, int to, float b) {
        if (!fmaChainForward) {
            for (int i = from; i < to; i++) {
                logits[i] = Reductions.dot(x, i * features, w, 0, features) + b;
            }
            return;
        }
        int i = from;
        for (; i + L <= to; i += L) {
            int base = i * features;
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0; p < features; p++) {
                acc = FloatVector.fromArray(S, x, base + p, rowIndex, 0).fma(FloatVector.broadcast(S, w[p]), acc);
            }
            acc.add(b).intoArray(logits, i);
        }
        for (; i < to; i++) {
            // the small GEMM's own scalar chain (a masked gather would still range-check every lane)
            int base = i * features;
            float acc = 0f;
            for (int p = 0; p < features; p++) {
                acc = Math.fma(x[base + p], w[p], acc);
            }
            logits[i] = acc + b;
        }
    }
}
