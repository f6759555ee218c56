package dev.descent.optim;

import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * RMSprop, optionally centered and with momentum: exactly {@code torch.optim.RMSprop} (without
 * {@code maximize}). Per parameter and step:
 * <pre>
 * g = g + weight_decay·p                 (when weight_decay != 0)
 * s = alpha·s + (1 − alpha)·g²
 * if centered: a = alpha·a + (1 − alpha)·g;  d = sqrt(s − a²) + eps
 * else:                                      d = sqrt(s) + eps
 * if momentum > 0: b = momentum·b + g / d;  p = p − lr·b
 * else:                                     p = p − lr·g / d
 * </pre>
 * State: {@code square_avg} (s), {@code grad_avg} (a) when centered, {@code momentum_buffer} (b) when momentum is
 * non-zero, all starting at zero, and the step count.
 *
 * <p>Defaults (PyTorch's): lr 0.01, alpha 0.99, eps 1e-8, weight_decay 0, momentum 0, centered false. Valid
 * ranges: lr, eps, weight_decay and momentum finite and {@code >= 0}; alpha in {@code [0, 1]} (PyTorch only
 * requires {@code >= 0}).
 *
 * @param lr          learning rate
 * @param alpha       smoothing constant of the averages
 * @param eps         term added to the denominator for numerical stability
 * @param weightDecay L2 penalty coefficient, added to the gradient
 * @param momentum    momentum factor
 * @param centered    whether to normalise by the estimated variance instead of the uncentered second moment
 */
public record RmsProp(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered)
        implements Hyperparameters {
    static final String NAME = "RMSprop";
    static final String SQUARE_AVG = "square_avg";
    static final String GRAD_AVG = "grad_avg";
    static final String MOMENTUM_BUFFER = "momentum_buffer";

    /** Validates every hyperparameter, naming the first one out of range. */
    public RmsProp {
        Checks.nonNegative(NAME, "lr", lr);
        Checks.inUnitIntervalClosed(NAME, "alpha", alpha);
        Checks.nonNegative(NAME, "eps", eps);
        Checks.nonNegative(NAME, "weight_decay", weightDecay);
        Checks.nonNegative(NAME, "momentum", momentum);
    }

    /** RMSprop with learning rate {@code lr} and every other hyperparameter at its default. */
    public static RmsProp of(double lr) {
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
    public RmsProp withLr(double lr) {
        return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered);
    }

    @Override
    public Map<String, Double> toMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("lr", lr);
        map.put("alpha", alpha);
        map.put("eps", eps);
        map.put("weight_decay", weightDecay);
        map.put("momentum", momentum);
        map.put("centered", centered ? 1.0 : 0.0);
        return map;
    }

    static RmsProp fromMap(Map<String, Double> values) {
        Checks.requireKeys(NAME, values, Set.of("lr", "alpha", "eps", "weight_decay", "momentum", "centered"));
        return new RmsProp(values.get("lr"), values.get("alpha"), values.get("eps"), values.get("weight_decay"),
                values.get("momentum"), Checks.flag(NAME, "centered", values.get("centered")));
    }

    Set<String> bufferNames() {
        return Set.of(SQUARE_AVG, GRAD_AVG, MOMENTUM_BUFFER);
    }

    void update(Tensor param, ParameterState state, OptimizerKernels kernels) {
        state.step++;
        Tensor squareAvg = state.buffer(SQUARE_AVG, param, 0f);
        Tensor gradAvg = centered ? state.buffer(GRAD_AVG, param, 0f) : null;
        Tensor buffer = momentum > 0 ? state.buffer(MOMENTUM_BUFFER, param, 0f) : null;
        kernels.rmsprop(param.storage(), param.grad().storage(), squareAvg.storage(),
                gradAvg == null ? null : gradAvg.storage(), buffer == null ? null : buffer.storage(), param.size(),
                (float) lr, (float) alpha, (float) (1 - alpha), (float) eps, (float) weightDecay, (float) momentum);
    }

    /** Builds {@link RmsProp} from PyTorch's defaults; not thread-safe. */
    public static final class Builder {
        private double lr = 1e-2;
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double weightDecay = 0;
        private double momentum = 0;
        private boolean centered = false;

        private Builder() {
        }

        /** The learning rate (default 0.01). */
        public Builder lr(double value) {
            lr = value;
            return this;
        }

        /** The smoothing constant of the squared-gradient average (default 0.99). */
        public Builder alpha(double value) {
            alpha = value;
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

        /** The momentum factor (default 0). */
        public Builder momentum(double value) {
            momentum = value;
            return this;
        }

        /** Whether to normalise by the estimated variance of the gradient (default false). */
        public Builder centered(boolean value) {
            centered = value;
            return this;
        }

        /** The validated hyperparameters. */
        public RmsProp build() {
            return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered);
        }
    }
}
