package dev.descent.spi;

/**
 * The fused per-parameter update of each optimizer algorithm: one call reads a parameter, its gradient and its
 * state buffers once and writes the parameter and the buffers once. {@link dev.descent.optim.Optimizer} does the
 * host-side bookkeeping (step counts, bias corrections, learning-rate decay, lazily created buffers) and then
 * calls exactly one of these methods per parameter and step, so every method is purely elementwise.
 *
 * <p>The formulas are those of {@code torch.optim}'s documentation, for the elements {@code i < length}, with
 * {@code p} the parameter, {@code g} the gradient and the named buffers as below. Arithmetic is float32, as
 * PyTorch does for float32 parameters; a backend may contract {@code a·b + c} into a fused multiply-add and may
 * reorder within one element's formula as long as the conformance suite's tolerances hold (it compares 100-step
 * trajectories against a float64 evaluation of these formulas).
 *
 * <p>Arguments: all storages come from this backend, hold at least {@code length} elements, and are pairwise
 * distinct (no aliasing). The gradient is never written. A nullable buffer is {@code null} exactly when the
 * option that needs it is off. Hyperparameters have been validated by the caller.
 *
 * <p>Thread-safety: as for {@link Backend}: concurrent calls on distinct parameters are allowed.
 *
 * @see dev.descent.optim.Algorithm#update the reference update an optimizer runs where a backend offers no kernel
 */
public interface OptimizerKernels {

    /**
     * SGD with optional momentum, dampening, Nesterov momentum and (L2) weight decay, as {@code torch.optim.SGD}:
     * <pre>
     * d = g + weightDecay·p                       (just g when weightDecay == 0)
     * if momentumBuffer != null:
     *     b = firstStep ? d                       (PyTorch: the buffer starts as a clone, without dampening)
     *                   : momentum·b + (1 − dampening)·d
     *     d = nesterov ? d + momentum·b : b
     * p = p − lr·d
     * </pre>
     *
     * @param momentumBuffer the momentum buffer {@code b}, or {@code null} when momentum is 0
     * @param firstStep      whether this is the buffer's first step (its old contents are then ignored)
     */
    void sgd(Storage param, Storage grad, Storage momentumBuffer, int length, float lr, float weightDecay,
             float momentum, float dampening, boolean nesterov, boolean firstStep);

    /**
     * Adam ({@code torch.optim.Adam}) or, when {@code decoupledWeightDecay}, AdamW ({@code torch.optim.AdamW}):
     * <pre>
     * if decoupledWeightDecay: p = p·(1 − lr·weightDecay)
     * else:                    g = g + weightDecay·p        (just g when weightDecay == 0)
     * m = beta1·m + (1 − beta1)·g
     * v = beta2·v + (1 − beta2)·g·g
     * mHat = m / biasCorrection1
     * vHat = v / biasCorrection2
     * p = p − lr·mHat / (sqrt(vHat) + eps)
     * </pre>
     * {@code eps} is added to {@code sqrt(vHat)}, not to {@code sqrt(v)}, and the bias corrections are not folded
     * into the learning rate: both would change the update when {@code v} is small.
     *
     * @param expAvg          the first moment {@code m} ({@code exp_avg})
     * @param expAvgSq        the second moment {@code v} ({@code exp_avg_sq})
     * @param biasCorrection1 {@code 1 − beta1^t} for this parameter's step count {@code t >= 1}, computed on the
     *                        host in double and rounded once
     * @param biasCorrection2 {@code 1 − beta2^t}, likewise
     */
    void adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, int length, float lr, float beta1,
              float beta2, float eps, float weightDecay, boolean decoupledWeightDecay, float biasCorrection1,
              float biasCorrection2);

    /**
     * RMSprop, as {@code torch.optim.RMSprop}:
     * <pre>
     * g = g + weightDecay·p                       (just g when weightDecay == 0)
     * s = alpha·s + (1 − alpha)·g·g
     * if gradAvg != null (centered):
     *     a = alpha·a + (1 − alpha)·g
     *     denominator = sqrt(s − a·a) + eps
     * else:
     *     denominator = sqrt(s) + eps
     * if momentumBuffer != null:
     *     b = momentum·b + g / denominator
     *     p = p − lr·b
     * else:
     *     p = p − lr·g / denominator
     * </pre>
     * All buffers start at zero (unlike SGD's momentum buffer).
     *
     * @param squareAvg      {@code s} ({@code square_avg})
     * @param gradAvg        {@code a} ({@code grad_avg}), or {@code null} when not centered
     * @param momentumBuffer {@code b}, or {@code null} when momentum is 0
     */
    void rmsprop(Storage param, Storage grad, Storage squareAvg, Storage gradAvg, Storage momentumBuffer,
                 int length, float lr, float alpha, float eps, float weightDecay, float momentum);

    /**
     * Adagrad, as {@code torch.optim.Adagrad}:
     * <pre>
     * g = g + weightDecay·p                       (just g when weightDecay == 0)
     * s = s + g·g
     * p = p − decayedLr·g / (sqrt(s) + eps)
     * </pre>
     *
     * @param sum       the accumulator {@code s} ({@code sum}), initialised by the caller to the initial
     *                  accumulator value
     * @param decayedLr {@code lr / (1 + (t − 1)·lrDecay)} for step count {@code t >= 1}, computed on the host
     */
    void adagrad(Storage param, Storage grad, Storage sum, int length, float decayedLr, float eps, float weightDecay);
}
