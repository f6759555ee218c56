package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.GraphOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;

import static dev.descent.backend.vector.GraphView.hasLength;
import static dev.descent.backend.vector.GraphView.strides;

/**
 * Softmax cross-entropy forward and backward in one pass over the logits, row by row. Core captures
 * {@code crossEntropy(z, labels)} and its backward as eleven nodes: the one-hot targets ({@code labels == class}),
 * the log-softmax, its product with the one-hot rows, the row sums, their negation and mean (the loss), then
 * {@code (exp(logSoftmax) - oneHot)·(1/n)} (the gradient). Fused, each row's one-hot, log-softmax and
 * probabilities stay in L1 and only the gradient and the loss are written.
 *
 * <p>Bits: per row the log-softmax and the row sum are computed by the same kernel the interpreter picks for the
 * whole tensor ({@link SmallKernels} below its size limit, {@link Reductions} above: both work row by row), the
 * mean by the backend's own reduction, and everything else is the nodes' elementwise float operations.
 */
final class SoftmaxCrossEntropyFusion implements FusionPattern {
    @Override
    public Fusion match(GraphView g, int from) {
        GraphOp.Binary oneHot = g.op(from, GraphOp.Binary.class);
        GraphOp.Softmax logSoftmax = g.op(from + 1, GraphOp.Softmax.class);
        if (oneHot == null || logSoftmax == null || oneHot.op() != BinaryOp.EQ || oneHot.shape().length != 2
                || !logSoftmax.log() || logSoftmax.inner() != 1) {
            return null;
        }
        int rows = logSoftmax.outer();
        int classes = logSoftmax.length();
        int total = rows * classes;
        if (!strides(oneHot.shape(), rows, classes) || classes >= Parallelism.REDUCE || !hasLength(oneHot.out(), total)
                || !hasLength(logSoftmax.x(), total) || !hasLength(logSoftmax.out(), total)) {
            return null;
        }
        GraphOp.Binary picked = dense(g, from + 2, BinaryOp.MUL, logSoftmax.out(), oneHot.out(), total);
        GraphOp.Reduce rowSums = g.op(from + 3, GraphOp.Reduce.class);
        GraphOp.Unary negated = g.op(from + 4, GraphOp.Unary.class);
        GraphOp.Reduce mean = g.op(from + 5, GraphOp.Reduce.class);
        if (picked == null || rowSums == null || rowSums.op() != ReduceOp.SUM || rowSums.x() != picked.out()
                || rowSums.outer() != rows || rowSums.length() != classes || rowSums.inner() != 1
                || !hasLength(rowSums.out(), rows) || negated == null || negated.op() != UnaryOp.NEG
                || negated.x() != rowSums.out() || negated.length() != rows || !hasLength(negated.out(), rows)
                || mean == null || mean.op() != ReduceOp.MEAN || mean.x() != negated.out() || mean.outer() != 1
                || mean.length() != rows || mean.inner() != 1 || !hasLength(mean.out(), 1)) {
            return null;
        }
        // the gradient's 1/n is one of the plan's constants (computed once, before compile)
        GraphOp.Unary probabilities = g.op(from + 6, GraphOp.Unary.class);
        GraphOp.Binary residual = probabilities == null ? null
                : dense(g, from + 7, BinaryOp.SUB, probabilities.out(), oneHot.out(), total);
        GraphOp.Binary gradient = g.op(from + 8, GraphOp.Binary.class);
        if (probabilities == null || probabilities.op() != UnaryOp.EXP || probabilities.x() != logSoftmax.out()
                || probabilities.length() != total || residual == null || gradient == null
                || gradient.op() != BinaryOp.MUL || gradient.x() != residual.out()
                || !strides(gradient.xStrides(), 1) || !strides(gradient.yStrides(), 0)
                || !strides(gradient.shape(), total) || !hasLength(gradient.out(), total)) {
            return null;
        }
        float scale = g.constantValue(gradient.y(), 1);
        if (Float.isNaN(scale)) {
            return null;
        }
        Storage logits = logSoftmax.x();
        Storage grad = gradient.out();
        Storage loss = mean.out();
        Storage[] intermediates = {oneHot.out(), logSoftmax.out(), picked.out(), rowSums.out(), negated.out(),
                probabilities.out(), residual.out()};
        // the gradient may reuse the logits' buffer (rows are read before they are written) or an intermediate's
        // (the gradient is the last value the nodes leave there); every other intermediate must be dead after them
        if (grad == loss || grad == oneHot.x() || grad == oneHot.y() || logits == loss) {
            return null;
        }
        for (Storage s : intermediates) {
            if (s != grad && !g.deadAfter(from + 8, s)) {
                return null;
            }
        }
        Pass pass = new Pass(g.backend, oneHot, logits, rows, classes, scale, loss, grad);
        return new Fusion("softmax-cross-entropy forward+backward", 9, pass);
    }

    private static GraphOp.Binary dense(GraphView g, int at, BinaryOp op, Storage x, Storage y, int n) {
        GraphOp.Binary b = g.op(at, GraphOp.Binary.class);
        return b != null && b.op() == op && b.x() == x && b.y() == y && strides(b.xStrides(), 1)
                && strides(b.yStrides(), 1) && strides(b.shape(), n) && hasLength(b.out(), n) ? b : null;
    }

    /** The fused kernel; its scratch arrays are its own, so a plan runs it on one thread at a time. */
    private static final class Pass implements Runnable {
        private final VectorBackend backend;
        private final float[] labels;
        private final int[] labelStrides;
        private final float[] classIds;
        private final int[] classStrides;
        private final float[] logits;
        private final int rows;
        private final int classes;
        private final float scale;
        private final Storage loss;
        private final float[] grad;
        private final boolean smallSoftmax;
        private final boolean smallSums;
        private final float[] oneHot;
        private final float[] logSoftmax;
        private final float[] picked;
        private final float[] rowSums;
        private final HeapStorage negated;

        Pass(VectorBackend backend, GraphOp.Binary oneHotNode, Storage logits, int rows, int classes, float scale,
             Storage loss, Storage grad) {
            this.backend = backend;
            this.labels = GraphView.data(oneHotNode.x());
            this.labelStrides = oneHotNode.xStrides();
            this.classIds = GraphView.data(oneHotNode.y());
            this.classStrides = oneHotNode.yStrides();
            this.logits = GraphView.data(logits);
            this.rows = rows;
            this.classes = classes;
            this.scale = scale;
            this.loss = loss;
            this.grad = GraphView.data(grad);
            long total = (long) rows * classes;
            this.smallSoftmax = SmallKernels.small(total) && SmallKernels.handles(UnaryOp.EXP);
            this.smallSums = SmallKernels.small(total);
            this.oneHot = new float[classes];
            this.logSoftmax = new float[rows * classes];
            this.picked = new float[rows * classes];
            this.rowSums = new float[rows];
            this.negated = new HeapStorage(new float[rows]);
        }

        @Override
        public void run() {
            float[] neg = negated.data;
            for (int r = 0; r < rows; r++) {
                int base = r * classes;
                for (int j = 0; j < classes; j++) {
                    float label = labels[r * labelStrides[0] + j * labelStrides[1]];
                    float id = classIds[r * classStrides[0] + j * classStrides[1]];
                    oneHot[j] = label == id ? 1f : 0f;
                }
                // one row of the log-softmax and of the row sums, by the kernels the interpreter picks
                if (smallSoftmax) {
                    SmallKernels.softmaxRows(logits, r, r + 1, classes, 1, logSoftmax, true);
                } else {
                    Reductions.softmaxRows(logits, r, r + 1, classes, 1, logSoftmax, true);
                }
                for (int j = 0; j < classes; j++) {
                    picked[base + j] = logSoftmax[base + j] * oneHot[j];
                }
                if (smallSums) {
                    SmallKernels.reduceRows(ReduceOp.SUM, picked, r, r + 1, classes, 1, rowSums);
                } else {
                    Reductions.reduceRows(ReduceOp.SUM, picked, r, r + 1, classes, 1, rowSums);
                }
                neg[r] = -rowSums[r];
                Elementwise.unary(UnaryOp.EXP, logSoftmax, logSoftmax, base, base + classes, 0f, 0f);
                for (int j = 0; j < classes; j++) {
                    grad[base + j] = (logSoftmax[base + j] - oneHot[j]) * scale;
                }
            }
            backend.reduce(ReduceOp.MEAN, negated, 1, rows, 1, loss);
        }
    }
}
