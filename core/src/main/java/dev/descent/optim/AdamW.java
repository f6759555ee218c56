package dev.descent.optim;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): exactly {@code torch.optim.AdamW} (without
 * {@code amsgrad} and {@code maximize}). Per parameter, at its step {@code t = 1, 2, ...}:
 * <pre>
 * p = p·(1 − lr·weight_decay)
 * m = beta1·m + (1 − beta1)·g
 * v = beta2·v + (1 − beta2)·g²
 * mHat = m / (1 − beta1^t)
 * vHat = v / (1 − beta2^t)
 * p = p − lr·mHat / (sqrt(vHat) + eps)
 * </pre>
 * State as {@link Adam}: {@code exp_avg}, {@code exp_avg_sq} and the step count.
 *
 * <p>Defaults (PyTorch's): lr 0.001, betas (0.9, 0.999), eps 1e-8, weight_decay 0.01 (not 0 as in Adam). Valid
 * ranges as {@link Adam}.
 *
 * @param lr          learning rate
 * @param beta1       decay of the first-moment average ({@code betas[0]})
 * @param beta2       decay of the second-moment average ({@code betas[1]})
 * @param eps         term added to the denominator for numerical stability
 * @param weightDecay decoupled weight-decay coefficient
 */
public record AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) implements AdamFamily {
    static final HyperparameterForm<AdamW> FORM = AdamFamily.form("AdamW", 1e-2,
            v -> new AdamW(v.real("lr"), v.real("beta1"), v.real("beta2"), v.real("eps"), v.real("weight_decay")));
    /** AdamW as {@link Optimizer} runs it. */
    public static final Algorithm<AdamW> ALGORITHM = new AdamAlgorithm<>("AdamW", AdamW.class, FORM, true);

    /** Validates every hyperparameter against its declared range, naming the first one out of range. */
    public AdamW {
        FORM.validate(lr, beta1, beta2, eps, weightDecay);
    }

    /** AdamW with learning rate {@code lr} and every other hyperparameter at its default. */
    public static AdamW of(double lr) {
        return builder().lr(lr).build();
    }

    /** A builder starting from PyTorch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Algorithm<AdamW> definition() {
        return ALGORITHM;
    }

    @Override
    public AdamW withLr(double lr) {
        return new AdamW(lr, beta1, beta2, eps, weightDecay);
    }

    /** Builds {@link AdamW} from PyTorch's defaults; not thread-safe. */
    public static final class Builder extends AdamFamily.Builder<AdamW, Builder> {
        private Builder() {
            super(FORM);
        }
    }
}
