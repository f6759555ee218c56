package dev.descent.optim;

import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
 * rounded once to float32 (see {@link OptimizerKernels#adam} for the kernel's order of evaluation).
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
public record Adam(double lr, double beta1, double beta2, double eps, double weightDecay) implements Hyperparameters {
    static final String NAME = "Adam";
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final Set<String> KEYS = Set.of("lr", "beta1", "beta2", "eps", "weight_decay");

    /** Validates every hyperparameter, naming the first one out of range. */
    public Adam {
        validate(NAME, lr, beta1, beta2, eps, weightDecay);
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
    public String algorithm() {
        return NAME;
    }

    @Override
    public Adam withLr(double lr) {
        return new Adam(lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Map<String, Double> toMap() {
        return toMap(lr, beta1, beta2, eps, weightDecay);
    }

    static Adam fromMap(Map<String, Double> values) {
        Checks.requireKeys(NAME, values, KEYS);
        return new Adam(values.get("lr"), values.get("beta1"), values.get("beta2"), values.get("eps"),
                values.get("weight_decay"));
    }

    Set<String> bufferNames() {
        return Set.of(EXP_AVG, EXP_AVG_SQ);
    }

    void update(Tensor param, ParameterState state, OptimizerKernels kernels) {
        update(param, state, kernels, lr, beta1, beta2, eps, weightDecay, false);
    }

    static void validate(String algorithm, double lr, double beta1, double beta2, double eps, double weightDecay) {
        Checks.nonNegative(algorithm, "lr", lr);
        Checks.inUnitIntervalOpen(algorithm, "betas[0]", beta1);
        Checks.inUnitIntervalOpen(algorithm, "betas[1]", beta2);
        Checks.nonNegative(algorithm, "eps", eps);
        Checks.nonNegative(algorithm, "weight_decay", weightDecay);
    }

    static Map<String, Double> toMap(double lr, double beta1, double beta2, double eps, double weightDecay) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("lr", lr);
        map.put("beta1", beta1);
        map.put("beta2", beta2);
        map.put("eps", eps);
        map.put("weight_decay", weightDecay);
        return map;
    }

    /** The update shared by Adam and AdamW; they differ only in where weight decay applies. */
    static void update(Tensor param, ParameterState state, OptimizerKernels kernels, double lr, double beta1,
                       double beta2, double eps, double weightDecay, boolean decoupled) {
        Tensor expAvg = state.buffer(EXP_AVG, param, 0f);
        Tensor expAvgSq = state.buffer(EXP_AVG_SQ, param, 0f);
        long t = ++state.step;
        // torch.optim's order: each combination of hyperparameters is a Python double, rounded once to float32.
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double decoupledScale = decoupled ? 1 - lr * weightDecay : 1;
        kernels.adam(param.storage(), param.grad().storage(), expAvg.storage(), expAvgSq.storage(), param.size(),
                (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) eps,
                decoupled ? 0f : (float) weightDecay, (float) decoupledScale, (float) stepSize,
                (float) biasCorrection2Sqrt);
    }

    /** Builds {@link Adam} from PyTorch's defaults; not thread-safe. */
    public static final class Builder {
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 0;

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

        /** The L2 penalty added to the gradient (default 0). */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** The validated hyperparameters. */
        public Adam build() {
            return new Adam(lr, beta1, beta2, eps, weightDecay);
        }
    }
}
