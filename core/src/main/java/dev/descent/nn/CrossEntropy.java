package dev.descent.nn;

import dev.descent.IndexOutOfRangeException;
import dev.descent.ShapeMismatchException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.Node;
import dev.descent.autograd.NoGrad;
import dev.descent.tensor.Tensor;

/**
 * Softmax cross-entropy from logits {@code [n, classes]} and integer labels, as one recorded node (the fused
 * form PyTorch also uses). The labels are checked and turned into a one-hot matrix on the host; the value is
 * {@code -sum(onehot · logSoftmax(x))} (the backend's log-softmax subtracts the row maximum first, so large
 * logits do not overflow) and the gradient is {@code softmax(x) - onehot}, scaled by the reduction.
 */
final class CrossEntropy extends Node {
    private Tensor logProbabilities;
    private Tensor oneHot;
    private final float scale;

    private CrossEntropy(Tensor logits, Tensor logProbabilities, Tensor oneHot, float scale) {
        super(logits);
        this.logProbabilities = logProbabilities;
        this.oneHot = oneHot;
        this.scale = scale;
    }

    static Tensor of(Tensor logits, int[] labels, Reduction reduction) {
        if (logits.rank() != 2) {
            throw new ShapeMismatchException("crossEntropy: logits must be [samples, classes], got shape "
                    + logits.shape());
        }
        int n = logits.dim(0);
        int classes = logits.dim(1);
        if (labels.length != n) {
            throw new ShapeMismatchException("crossEntropy: " + labels.length + " labels for logits of shape "
                    + logits.shape() + " (need one label per row)");
        }
        float[] hot = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (label < 0 || label >= classes) {
                throw new IndexOutOfRangeException("crossEntropy: label " + label + " at position " + i
                        + " is out of range for " + classes + " classes (valid: 0.." + (classes - 1) + ")");
            }
            hot[i * classes + label] = 1f;
        }
        return withOneHot(logits, Tensor.of(logits.backend(), hot, n, classes), reduction);
    }

    /**
     * Cross-entropy against class indices held on the device ({@code [n]} or {@code [n, 1]}, integer values in
     * {@code 0..classes-1}, not checked here): the one-hot matrix is made on the device by comparing them with
     * the row {@code 0..classes-1}, so no host values are needed per batch (a compiled step can be replayed).
     */
    static Tensor ofTargets(Tensor logits, Tensor targets, Reduction reduction) {
        if (logits.rank() != 2) {
            throw new ShapeMismatchException("crossEntropy: logits must be [samples, classes], got shape "
                    + logits.shape());
        }
        int n = logits.dim(0);
        if (targets.size() != n || targets.rank() > 2 || (targets.rank() == 2 && targets.dim(1) != 1)) {
            throw new ShapeMismatchException("crossEntropy: targets of shape " + targets.shape() + " for logits of "
                    + "shape " + logits.shape() + " (need [" + n + "] or [" + n + ", 1] class indices)");
        }
        Tensor oneHot;
        try (NoGrad _ = GradMode.noGrad()) {
            oneHot = targets.reshape(n, 1).eq(ClassIndices.row(logits.backend(), logits.dim(1)));
        }
        return withOneHot(logits, oneHot, reduction);
    }

    private static Tensor withOneHot(Tensor logits, Tensor oneHot, Reduction reduction) {
        int n = logits.dim(0);
        Tensor logProbabilities;
        Tensor loss;
        try (NoGrad _ = GradMode.noGrad()) {
            logProbabilities = logits.logSoftmax(1);
            loss = Losses.reduce(logProbabilities.mul(oneHot).sum(1).neg(), reduction);
        }
        if (Node.shouldRecord(logits)) {
            float scale = reduction == Reduction.SUM ? 1f : 1f / n;
            loss.withGradFn(new CrossEntropy(logits, logProbabilities, oneHot, scale));
        }
        return loss;
    }

    @Override
    public String name() {
        return "CrossEntropyBackward";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {logProbabilities.exp().sub(oneHot).mul(g.mul(scale))};
    }

    @Override
    protected void releaseSaved() {
        logProbabilities = null;
        oneHot = null;
    }
}
