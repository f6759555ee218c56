package dev.descent.optim;

import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adagrad: exactly {@code torch.optim.Adagrad} (without {@code maximize}). Per parameter, at its step
 * {@code t = 1, 2, ...}:
 * <pre>
 * clr = lr / (1 + (t − 1)·lr_decay)
 * g = g + weight_decay·p                 (when weight_decay != 0)
 * s = s + g²
 * p = p − clr·g / (sqrt(s) + eps)
 * </pre>
 * State: {@code sum} (s), created when the optimizer is constructed and filled with
 * {@code initial_accumulator_value} (as PyTorch does), and the step count.
 *
 * <p>Defaults (PyTorch's): lr 0.01, lr_decay 0, weight_decay 0, initial_accumulator_value 0, eps 1e-10. Valid
 * ranges: all finite and {@code >= 0}.
 *
 * @param lr                      learning rate
 * @param lrDecay                 learning-rate decay per step
 * @param weightDecay             L2 penalty coefficient, added to the gradient
 * @param initialAccumulatorValue starting value of every element of {@code sum}
 * @param eps                     term added to the denominator for numerical stability
 */
public record Adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
        implements Hyperparameters {
    static final String NAME = "Adagrad";
    static final String SUM = "sum";

    /** Validates every hyperparameter, naming the first one out of range. */
    public Adagrad {
        Checks.nonNegative(NAME, "lr", lr);
        Checks.nonNegative(NAME, "lr_decay", lrDecay);
        Checks.nonNegative(NAME, "weight_decay", weightDecay);
        Checks.nonNegative(NAME, "initial_accumulator_value", initialAccumulatorValue);
        Checks.nonNegative(NAME, "eps", eps);
    }

    /** Adagrad with learning rate {@code lr} and every other hyperparameter at its default. */
    public static Adagrad of(double lr) {
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
    public Adagrad withLr(double lr) {
        return new Adagrad(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    @Override
    public Map<String, Double> toMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("lr", lr);
        map.put("lr_decay", lrDecay);
        map.put("weight_decay", weightDecay);
        map.put("initial_accumulator_value", initialAccumulatorValue);
        map.put("eps", eps);
        return map;
    }

    static Adagrad fromMap(Map<String, Double> values) {
        Checks.requireKeys(NAME, values, Set.of("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"));
        return new Adagrad(values.get("lr"), values.get("lr_decay"), values.get("weight_decay"),
                values.get("initial_accumulator_value"), values.get("eps"));
    }

    Set<String> bufferNames() {
        return Set.of(SUM);
    }

    /** PyTorch creates Adagrad's state eagerly, in the constructor. */
    void initialise(Tensor param, ParameterState state) {
        state.buffer(SUM, param, (float) initialAccumulatorValue);
    }

    void update(Tensor param, ParameterState state, OptimizerKernels kernels) {
        Tensor sum = state.buffer(SUM, param, (float) initialAccumulatorValue);
        long t = ++state.step;
        double decayedLr = lr / (1 + (t - 1) * lrDecay);
        kernels.adagrad(param.storage(), param.grad().storage(), sum.storage(), param.size(), (float) decayedLr,
                (float) eps, (float) weightDecay);
    }

    /** Builds {@link Adagrad} from PyTorch's defaults; not thread-safe. */
    public static final class Builder {
        private double lr = 1e-2;
        private double lrDecay = 0;
        private double weightDecay = 0;
        private double initialAccumulatorValue = 0;
        private double eps = 1e-10;

        private Builder() {
        }

        /** The learning rate (default 0.01). */
        public Builder lr(double value) {
            lr = value;
            return this;
        }

        /** The learning-rate decay per step (default 0). */
        public Builder lrDecay(double value) {
            lrDecay = value;
            return this;
        }

        /** The L2 penalty added to the gradient (default 0). */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** The initial value of the squared-gradient sum (default 0). */
        public Builder initialAccumulatorValue(double value) {
            initialAccumulatorValue = value;
            return this;
        }

        /** The term added to the denominator (default 1e-10). */
        public Builder eps(double value) {
            eps = value;
            return this;
        }

        /** The validated hyperparameters. */
        public Adagrad build() {
            return new Adagrad(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }
    }
}
