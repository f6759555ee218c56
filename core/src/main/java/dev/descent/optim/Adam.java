package dev.descent.optim;

/**
 * Adam with L2 weight decay added to the gradient: exactly {@code torch.optim.Adam} (without {@code amsgrad} and
 * {@code maximize}). Per parameter, at its step {@code t = 1, 2, ...}:
 * <pre>
 * g = g + weight_decay·p                 (when weight_decay != 0)
 * m = beta1·m + (1 − beta1)·g
 * v = beta2·v + (1 − beta2)·g²
 * mHat = m / (1 − beta1^t)
 * vHat = v / (1 − beta2^t)
 * p = p − lr·mHat / (sqrt(vHat) + eps)
 * </pre>
 * eps is added to {@code sqrt(vHat)}. As in PyTorch, the scalars {@code 1 − beta1}, {@code 1 − beta2},
 * {@code lr / (1 − beta1^t)} and {@code sqrt(1 − beta2^t)} are computed per parameter in double on the host and
 * rounded once to float32 (see {@link dev.descent.spi.OptimizerKernels#adam} for the order of evaluation).
 * State: {@code exp_avg} (m) and {@code exp_avg_sq} (v), both starting at zero, and the step count. For weight
 * decay that is not scaled by the adaptive denominator use {@link AdamW}.
 *
 * <p>Defaults (PyTorch's): lr 0.001, betas (0.9, 0.999), eps 1e-8, weight_decay 0. Valid ranges: lr, eps and
 * weight_decay finite and {@code >= 0}; each beta in {@code [0, 1)}.
 *
 * @param lr          learning rate
 * @param beta1       decay of the first-moment average ({@code betas[0]})
 * @param beta2       decay of the second-moment average ({@code betas[1]})
 * @param eps         term added to the denominator for numerical stability
 * @param weightDecay L2 penalty coefficient, added to the gradient
 */
public record Adam(double lr, double beta1, double beta2, double eps, double weightDecay) implements AdamFamily {
    static final HyperparameterForm<Adam> FORM = AdamFamily.form("Adam", 0,
            v -> new Adam(v.real("lr"), v.real("beta1"), v.real("beta2"), v.real("eps"), v.real("weight_decay")));
    /** Adam as {@link Optimizer} runs it. */
    public static final Algorithm<Adam> ALGORITHM = new AdamAlgorithm<>("Adam", Adam.class, FORM, false);

    /** Validates every hyperparameter against its declared range, naming the first one out of range. */
    public Adam {
        FORM.validate(lr, beta1, beta2, eps, weightDecay);
    }

    /** Adam with learning rate {@code lr} and every other hyperparameter at its default. */
    public static Adam of(double lr) {
        return builder().lr(lr).build();
    }

    /** A builder starting from PyTorch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Algorithm<Adam> definition() {
        return ALGORITHM;
    }

    @Override
    public Adam withLr(double lr) {
        return new Adam(lr, beta1, beta2, eps, weightDecay);
    }

    /** Builds {@link Adam} from PyTorch's defaults; not thread-safe. */
    public static final class Builder extends AdamFamily.Builder<Adam, Builder> {
        private Builder() {
            super(FORM);
        }
    }
}
