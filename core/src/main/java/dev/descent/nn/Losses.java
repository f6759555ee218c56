package dev.descent.nn;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.tensor.Tensor;

/**
 * Loss functions with PyTorch's definitions, each reduced to a rank-0 tensor by its mean (default) or sum.
 * Inputs and targets must have equal shapes (a broadcast target is almost always a bug, so it is an error
 * here rather than PyTorch's warning). All are differentiable with respect to the input, and where PyTorch
 * allows it, the target.
 *
 * <ul>
 *   <li>{@link #mse}: {@code (x - y)^2}</li>
 *   <li>{@link #l1}: {@code |x - y|}</li>
 *   <li>{@link #huber}: {@code 0.5·d^2} for {@code |d| < delta}, else {@code delta·(|d| - 0.5·delta)}</li>
 *   <li>{@link #bceWithLogits}: {@code -[y·log σ(x) + (1-y)·log(1-σ(x))]}, evaluated as
 *       {@code max(x,0) - x·y + log(1 + e^-|x|)}, finite for any logit</li>
 *   <li>{@link #crossEntropy}: {@code -log softmax(x)[label]} per row of logits, through a stable log-sum-exp</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Losses {
    private Losses() {
    }

    /** Mean squared error. */
    public static Tensor mse(Tensor input, Tensor target) {
        return mse(input, target, Reduction.MEAN);
    }

    /** Squared error, combined by {@code reduction} (PyTorch's {@code MSELoss}). */
    public static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        requireSameShape("mse", input, target);
        return reduce(input.sub(target).square(), reduction);
    }

    /** Mean absolute error. */
    public static Tensor l1(Tensor input, Tensor target) {
        return l1(input, target, Reduction.MEAN);
    }

    /** Absolute error, combined by {@code reduction} (PyTorch's {@code L1Loss}). */
    public static Tensor l1(Tensor input, Tensor target, Reduction reduction) {
        requireSameShape("l1", input, target);
        return reduce(input.sub(target).abs(), reduction);
    }

    /** Huber loss with {@code delta = 1} (PyTorch's default; then it equals smooth L1). */
    public static Tensor huber(Tensor input, Tensor target) {
        return huber(input, target, 1f, Reduction.MEAN);
    }

    /** Huber loss with threshold {@code delta}, combined by {@code reduction} (PyTorch's {@code HuberLoss}). */
    public static Tensor huber(Tensor input, Tensor target, float delta, Reduction reduction) {
        requireSameShape("huber", input, target);
        if (!(delta > 0f) || !Float.isFinite(delta)) {
            throw new InvalidArgumentException("huber: delta must be positive and finite, got " + delta);
        }
        // With a = |d| and q = min(a, delta): 0.5·q^2 + delta·(a - q) is 0.5·a^2 below delta and
        // delta·(a - 0.5·delta) above it, continuous with a continuous derivative.
        Tensor a = input.sub(target).abs();
        Tensor q = a.clamp(0f, delta);
        return reduce(q.square().mul(0.5f).add(a.sub(q).mul(delta)), reduction);
    }

    /** Binary cross-entropy on logits, targets in [0, 1]. */
    public static Tensor bceWithLogits(Tensor logits, Tensor target) {
        return bceWithLogits(logits, target, Reduction.MEAN);
    }

    /** Binary cross-entropy on logits, combined by {@code reduction} (PyTorch's {@code BCEWithLogitsLoss}). */
    public static Tensor bceWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        requireSameShape("bceWithLogits", logits, target);
        return BinaryCrossEntropy.withLogits(logits, target, reduction);
    }

    /** Softmax cross-entropy of logits {@code [n, classes]} against one class index per row. */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        return crossEntropy(logits, labels, Reduction.MEAN);
    }

    /** Softmax cross-entropy against class indices, combined by {@code reduction} (PyTorch's {@code CrossEntropyLoss}). */
    public static Tensor crossEntropy(Tensor logits, int[] labels, Reduction reduction) {
        return CrossEntropy.of(logits, labels, reduction);
    }

    static Tensor reduce(Tensor values, Reduction reduction) {
        return reduction == Reduction.SUM ? values.sum() : values.mean();
    }

    private static void requireSameShape(String loss, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new ShapeMismatchException(loss + ": input shape " + input.shape() + " and target shape "
                    + target.shape() + " differ; reshape the target to match");
        }
    }
}
