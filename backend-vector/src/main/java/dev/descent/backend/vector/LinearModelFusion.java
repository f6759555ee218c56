package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.GraphOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;

import static dev.descent.backend.vector.GraphView.distinct;
import static dev.descent.backend.vector.GraphView.hasLength;
import static dev.descent.backend.vector.GraphView.strides;

/**
 * Recognises the training step of a linear model with one output and a bias ({@code x·wᵀ + b}) under mean squared
 * error or binary cross-entropy with logits, as core's ops capture it: the forward matrix-vector product, the bias
 * add, the loss and its mean, the loss's gradient, the bias gradient (a sum) and the weight gradient (a
 * transposed matrix-vector product). All of it becomes one {@link LinearModelPass}.
 *
 * <p>It matches only when the pass gives the interpreter's bits: the forward product must take one of the two
 * orders the pass reproduces (the small-GEMM FMA chain over features, or one {@link Reductions#dot} per row) and
 * the weight gradient an FMA chain over rows in row order (always, except for one feature outside the small
 * GEMM sizes); and no node after the step reads the step's intermediates.
 */
final class LinearModelFusion implements FusionPattern {
    @Override
    public Fusion match(GraphView g, int from) {
        GraphOp.Gemm forward = g.op(from, GraphOp.Gemm.class);
        if (forward == null || forward.transA() || !forward.transB() || forward.n() != 1 || forward.alpha() != 1f
                || forward.beta() != 0f || forward.aOffset() != 0 || forward.lda() != forward.k()
                || forward.bOffset() != 0 || forward.cOffset() != 0) {
            return null;
        }
        int rows = forward.m();
        int features = forward.k();
        Storage x = forward.a();
        Storage w = forward.b();
        Storage p = forward.c();
        if (!hasLength(x, (long) rows * features) || w.length() < features || !hasLength(p, rows)) {
            return null;
        }
        boolean smallForward = SmallKernels.smallGemm(rows, 1, features);
        if (!smallForward && features > Reductions.BLOCK) {
            return null;
        }
        GraphOp.Binary addBias = g.op(from + 1, GraphOp.Binary.class);
        if (addBias == null || addBias.op() != BinaryOp.ADD || addBias.x() != p || !strides(addBias.xStrides(), 1)
                || !strides(addBias.yStrides(), 0) || !strides(addBias.shape(), rows) || addBias.y().length() != 1) {
            return null;
        }
        Storage bias = addBias.y();
        Storage z = addBias.out();
        LossMatch loss = MseRows.match(g, from + 2, z, rows);
        if (loss == null) {
            loss = BceRows.match(g, from + 2, z, rows);
        }
        if (loss == null) {
            return null;
        }
        int at = loss.next();
        GraphOp.Reduce biasGrad = g.op(at, GraphOp.Reduce.class);
        GraphOp.Gemm backward = g.op(at + 1, GraphOp.Gemm.class);
        if (biasGrad == null || biasGrad.op() != ReduceOp.SUM || biasGrad.x() != loss.gradient() || biasGrad.outer() != 1
                || biasGrad.length() != rows || biasGrad.inner() != 1 || !hasLength(biasGrad.out(), 1)
                || backward == null || !backward.transA() || backward.transB() || backward.m() != 1
                || backward.n() != features || backward.k() != rows || backward.alpha() != 1f || backward.beta() != 0f
                || backward.a() != loss.gradient() || backward.aOffset() != 0 || backward.lda() != 1
                || backward.b() != x || backward.bOffset() != 0 || backward.ldb() != features
                || backward.cOffset() != 0 || backward.c().length() < features) {
            return null;
        }
        boolean chainOverRows = SmallKernels.smallGemm(1, features, rows) || features > 1;
        if (!chainOverRows) {
            return null;
        }
        Storage lossOut = loss.loss();
        Storage biasOut = biasGrad.out();
        Storage weightOut = backward.c();
        if (!distinct(x, w, bias, loss.target(), lossOut, biasOut, weightOut)) {
            return null;
        }
        Storage[] intermediates = new Storage[loss.intermediates().length + 2];
        intermediates[0] = p;
        intermediates[1] = z;
        System.arraycopy(loss.intermediates(), 0, intermediates, 2, loss.intermediates().length);
        for (Storage s : intermediates) {
            if (s == x || s == w || s == bias || s == loss.target() || s == lossOut || s == biasOut
                    || s == weightOut) {
                return null;
            }
        }
        if (!g.deadAfter(at + 1, intermediates)) {
            return null;
        }
        LinearModelPass pass = new LinearModelPass(g.backend, x, w, bias, loss.target(), rows, features, smallForward,
                loss.rows(), lossOut, biasOut, weightOut);
        return new Fusion("linear-model " + loss.name() + " one pass", at + 2 - from, pass);
    }

    /**
     * A matched loss: its per-row kernel, the storages it reads and writes, and where the nodes after it start.
     *
     * @param name          the loss, for the plan's description
     * @param rows          computes each row's loss term and gradient
     * @param target        the targets it reads
     * @param loss          the scalar mean loss it writes
     * @param gradient      the per-row gradient storage that the bias sum and the weight product read
     * @param intermediates every other storage its nodes write
     * @param next          the index of the first node after the loss's nodes
     */
    record LossMatch(String name, RowLoss rows, Storage target, Storage loss, Storage gradient,
                     Storage[] intermediates, int next) {
    }

    /** A per-row loss over rows {@code [from, to)}: {@code terms[i]} (averaged later) and {@code grads[i]}. */
    interface RowLoss {
        /**
         * Computes the loss term and the gradient of rows {@code [from, to)} from the logits {@code z} (indexed like
         * the rows) and the targets {@code y}.
         */
        void rows(float[] z, float[] y, float[] terms, float[] grads, int from, int to);
    }
}
