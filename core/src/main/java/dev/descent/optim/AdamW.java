package dev.descent.optim;

import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

import java.util.Map;
import java.util.Set;

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
public record AdamW(double lr, double beta1, double beta2, double eps, double weightDecay)
        implements Hyperparameters {
    static final String NAME = "AdamW";

    /** Validates every hyperparameter, naming the first one out of range. */
    public AdamW {
        Adam.validate(NAME, lr, beta1, beta2, eps, weightDecay);
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
    public String algorithm() {
        return NAME;
    }

    @Override
    public AdamW withLr(double lr) {
        return new AdamW(lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Map<String, Double> toMap() {
        return Adam.toMap(lr, beta1, beta2, eps, weightDecay);
    }

    static AdamW fromMap(Map<String, Double> values) {
        Checks.requireKeys(NAME, values, Adam.KEYS);
        return new AdamW(values.get("lr"), values.get("beta1"), values.get("beta2"), values.get("eps"),
                values.get("weight_decay"));
    }

    Set<String> bufferNames() {
        return Set.of(Adam.EXP_AVG, Adam.EXP_AVG_SQ);
    }

    void update(Tensor param, ParameterState state, OptimizerKernels kernels) {
        Adam.update(param, state, kernels, lr, beta1, beta2, eps, weightDecay, true);
    }

    /** Builds {@link AdamW} from PyTorch's defaults; not thread-safe. */
    public static final class Builder {
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 1e-2;

        private Builder() {
        }

        /** The learning rate (default 0.001). */
        public Builder lr(double value) {
            lr = value;
            return this;
        }

        /** {@code betas = (beta1, beta2)}. */
        public Builder betas(double first, double second) {
            beta1 = first;
            beta2 = second;
            return this;
        }

        /** The term added to the denominator (default 1e-8). */
        public Builder eps(double value) {
            eps = value;
            return this;
        }

        /** The decoupled weight decay (default 0.01). */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** The validated hyperparameters. */
        public AdamW build() {
            return new AdamW(lr, beta1, beta2, eps, weightDecay);
        }
    }
}
