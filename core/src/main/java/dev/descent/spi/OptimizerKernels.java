package dev.descent.spi;

/**
 * The fused per-parameter update of each optimizer algorithm: one call reads a parameter, its gradient and its
 * state buffers once and writes the parameter and the buffers once. {@link dev.descent.optim.Optimizer} does the
 * host-side bookkeeping (step counts, bias corrections, learning-rate decay, lazily created buffers) and then
 * calls exactly one of these methods per parameter and step, so every method is purely elementwise.
 *
 * <p><b>Order of evaluation and rounding: torch.optim's.</b> The formulas are those of {@code torch.optim}'s
 * single-tensor CPU implementations (the {@code foreach=False} path), in their order of evaluation, for the
 * elements {@code i < length}, with {@code p} the parameter, {@code g} the gradient and the named buffers as
 * below. PyTorch combines Python-double hyperparameters in double ({@code 1 - beta2}, {@code lr / (1 - beta1^t)},
 * {@code 1 - lr·weight_decay}, ...) and hands each result to the float32 kernel as one scalar, rounded once; the
 * host does the same, so every such combination arrives here already rounded and named for what it is
 * ({@code beta2Complement} is {@code (float) (1 − beta2)}, never {@code 1f − (float) beta2}, which differs by
 * 1.3e-5 relative for {@code beta2 = 0.999}). Each method's javadoc lists which arguments are such
 * double-computed scalars. Everything else is float32 arithmetic, one rounding per written operation, in the
 * written order; the written order is PyTorch's:
 * <ul>
 *   <li>{@code lerp(a, b, w)} ({@code Tensor.lerp_}) is {@code a + w·(b − a)} when {@code |w| < 0.5} and
 *       {@code b − (b − a)·(1 − w)} otherwise (the {@code 1 − w} in float);</li>
 *   <li>{@code addcmul(s, x, y, value)} is {@code s + (value·x)·y}; {@code addcdiv(s, x, y, value)} is
 *       {@code s + value·(x / y)};</li>
 *   <li>{@code add(x, y, alpha)} is {@code x + alpha·y}; {@code x + (−c)·y} equals {@code x − c·y} exactly.</li>
 * </ul>
 * PyTorch's vectorised CPU loops contract {@code lerp} and {@code add(alpha)} into fused multiply-adds, and
 * OpenCL compilers may contract any {@code a·b + c}; a backend may do the same (and the {@code scalar} and
 * {@code vector} backends do not, so they agree bit for bit). The conformance suite bounds any such difference
 * by ten times the gap between an independent float32 implementation of these formulas and a float64 one.
 *
 * <p>Arguments: all storages come from this backend, hold at least {@code length} elements, and are pairwise
 * distinct (no aliasing). The gradient is never written. A nullable buffer is {@code null} exactly when the
 * option that needs it is off. Hyperparameters have been validated by the caller.
 *
 * <p>Thread-safety: as for {@link Backend}: concurrent calls on distinct parameters are allowed.
 *
 * @see ComposedOptimizerKernels the fallback built from other {@code Backend} kernels
 */
public interface OptimizerKernels {

    /**
     * SGD with optional momentum, dampening, Nesterov momentum and (L2) weight decay, as {@code torch.optim.SGD}:
     * <pre>
     * d = g + weightDecay·p                       (just g when weightDecay == 0)
     * if momentumBuffer != null:
     *     b = firstStep ? d                       (PyTorch: the buffer starts as a clone, without dampening)
     *                   : b·momentum + dampeningComplement·d
     *     d = nesterov ? d + momentum·b : b
     * p = p − lr·d
     * </pre>
     * Computed in double on the host and rounded once: {@code dampeningComplement = 1 − dampening}.
     *
     * @param momentumBuffer      the momentum buffer {@code b}, or {@code null} when momentum is 0
     * @param dampeningComplement {@code (float) (1 − dampening)}, computed in double
     * @param firstStep           whether this is the buffer's first step (its old contents are then ignored)
     */
    void sgd(Storage param, Storage grad, Storage momentumBuffer, int length, float lr, float weightDecay,
             float momentum, float dampeningComplement, boolean nesterov, boolean firstStep);

    /**
     * Adam ({@code torch.optim.Adam}) or AdamW ({@code torch.optim.AdamW}), in PyTorch's order:
     * <pre>
     * p = p·decoupledScale                        (AdamW; skipped when decoupledScale == 1)
     * g = g + weightDecay·p                       (Adam's L2 decay; just g when weightDecay == 0)
     * m = lerp(m, g, beta1Complement)
     * v = v·beta2 + (beta2Complement·g)·g
     * denominator = sqrt(v) / biasCorrection2Sqrt + eps
     * p = p − stepSize·(m / denominator)
     * </pre>
     * This is {@code p − lr·mHat / (sqrt(vHat) + eps)} with {@code mHat = m / (1 − beta1^t)} and
     * {@code vHat = v / (1 − beta2^t)}: eps is added to {@code sqrt(vHat)}, not to {@code sqrt(v)} (which would
     * change the update when {@code v} is small). Computed in double on the host and rounded once:
     * {@code beta1Complement = 1 − beta1}, {@code beta2Complement = 1 − beta2},
     * {@code stepSize = lr / (1 − beta1^t)}, {@code biasCorrection2Sqrt = sqrt(1 − beta2^t)} and
     * {@code decoupledScale = 1 − lr·weight_decay}.
     *
     * @param expAvg              the first moment {@code m} ({@code exp_avg})
     * @param expAvgSq            the second moment {@code v} ({@code exp_avg_sq})
     * @param beta1Complement     {@code (float) (1 − beta1)}, computed in double
     * @param beta2               {@code (float) beta2}
     * @param beta2Complement     {@code (float) (1 − beta2)}, computed in double
     * @param weightDecay         Adam's L2 coefficient added to the gradient; 0 for AdamW
     * @param decoupledScale      AdamW's {@code (float) (1 − lr·weight_decay)}, computed in double; 1 for Adam
     * @param stepSize            {@code (float) (lr / (1 − beta1^t))} for this parameter's step count {@code t >= 1},
     *                            computed in double
     * @param biasCorrection2Sqrt {@code (float) sqrt(1 − beta2^t)}, computed in double
     */
    void adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, int length, float beta1Complement,
              float beta2, float beta2Complement, float eps, float weightDecay, float decoupledScale,
              float stepSize, float biasCorrection2Sqrt);

    /**
     * RMSprop, as {@code torch.optim.RMSprop}:
     * <pre>
     * g = g + weightDecay·p                       (just g when weightDecay == 0)
     * s = s·alpha + (alphaComplement·g)·g
     * if gradAvg != null (centered):
     *     a = lerp(a, g, alphaComplement)
     *     denominator = sqrt(s − a·a) + eps
     * else:
     *     denominator = sqrt(s) + eps
     * if momentumBuffer != null:
     *     b = b·momentum + g / denominator
     *     p = p − lr·b
     * else:
     *     p = p − lr·(g / denominator)
     * </pre>
     * All buffers start at zero (unlike SGD's momentum buffer). Computed in double on the host and rounded once:
     * {@code alphaComplement = 1 − alpha}.
     *
     * @param squareAvg       {@code s} ({@code square_avg})
     * @param gradAvg         {@code a} ({@code grad_avg}), or {@code null} when not centered
     * @param momentumBuffer  {@code b}, or {@code null} when momentum is 0
     * @param alphaComplement {@code (float) (1 − alpha)}, computed in double
     */
    void rmsprop(Storage param, Storage grad, Storage squareAvg, Storage gradAvg, Storage momentumBuffer,
                 int length, float lr, float alpha, float alphaComplement, float eps, float weightDecay,
                 float momentum);

    /**
     * Adagrad, as {@code torch.optim.Adagrad}:
     * <pre>
     * g = g + weightDecay·p                       (just g when weightDecay == 0)
     * s = s + g·g
     * p = p − decayedLr·(g / (sqrt(s) + eps))
     * </pre>
     * Computed in double on the host and rounded once: {@code decayedLr = lr / (1 + (t − 1)·lrDecay)}.
     *
     * @param sum       the accumulator {@code s} ({@code sum}), initialised by the caller to the initial
     *                  accumulator value
     * @param decayedLr {@code (float) (lr / (1 + (t − 1)·lrDecay))} for step count {@code t >= 1}, computed in
     *                  double
     */
    void adagrad(Storage param, Storage grad, Storage sum, int length, float decayedLr, float eps, float weightDecay);
}
