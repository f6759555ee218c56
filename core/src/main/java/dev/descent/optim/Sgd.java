package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay: exactly
 * {@code torch.optim.SGD} (without {@code maximize}). Plain full-batch gradient descent is SGD with no momentum
 * over the whole data set. Per parameter and step, with {@code g} the gradient:
 * <pre>
 * g = g + weight_decay·p                 (when weight_decay != 0)
 * if momentum != 0:
 *     b = g                              at the first step (a clone, without dampening)
 *     b = momentum·b + (1 − dampening)·g afterwards
 *     g = nesterov ? g + momentum·b : b
 * p = p − lr·g
 * </pre>
 * State: {@code momentum_buffer} when momentum is non-zero.
 *
 * <p>Defaults (PyTorch's): lr 0.001, momentum 0, dampening 0, nesterov false, weight_decay 0. Valid ranges: lr,
 * momentum and weight_decay finite and {@code >= 0}; dampening in {@code [0, 1]} (PyTorch does not check it);
 * Nesterov needs momentum {@code > 0} and dampening 0.
 *
 * @param lr          learning rate
 * @param momentum    momentum factor
 * @param dampening   dampening of the gradient's contribution to the momentum buffer
 * @param nesterov    whether to use Nesterov momentum
 * @param weightDecay L2 penalty coefficient, added to the gradient
 */
public record Sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay)
        implements Hyperparameters {
    static final String NAME = "SGD";
    static final String MOMENTUM_BUFFER = "momentum_buffer";

    /** Validates every hyperparameter, naming the first one out of range. */
    public Sgd {
        Checks.nonNegative(NAME, "lr", lr);
        Checks.nonNegative(NAME, "momentum", momentum);
        Checks.inUnitIntervalClosed(NAME, "dampening", dampening);
        Checks.nonNegative(NAME, "weight_decay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new InvalidArgumentException(NAME + ": nesterov requires momentum > 0 and dampening == 0, got "
                    + "momentum " + momentum + " and dampening " + dampening);
        }
    }

    /** SGD with learning rate {@code lr} and every other hyperparameter at its default. */
    public static Sgd of(double lr) {
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
    public Sgd withLr(double lr) {
        return new Sgd(lr, momentum, dampening, nesterov, weightDecay);
    }

    @Override
    public Map<String, Double> toMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("lr", lr);
        map.put("momentum", momentum);
        map.put("dampening", dampening);
        map.put("nesterov", nesterov ? 1.0 : 0.0);
        map.put("weight_decay", weightDecay);
        return map;
    }

    static Sgd fromMap(Map<String, Double> values) {
        Checks.requireKeys(NAME, values, Set.of("lr", "momentum", "dampening", "nesterov", "weight_decay"));
        return new Sgd(values.get("lr"), values.get("momentum"), values.get("dampening"),
                Checks.flag(NAME, "nesterov", values.get("nesterov")), values.get("weight_decay"));
    }

    Set<String> bufferNames() {
        return Set.of(MOMENTUM_BUFFER);
    }

    void update(Tensor param, ParameterState state, OptimizerKernels kernels) {
        state.step++;
        Tensor buffer = null;
        boolean firstStep = false;
        if (momentum != 0) {
            firstStep = !state.has(MOMENTUM_BUFFER);
            buffer = state.buffer(MOMENTUM_BUFFER, param, 0f);
        }
        kernels.sgd(param.storage(), param.grad().storage(), buffer == null ? null : buffer.storage(), param.size(),
                (float) lr, (float) weightDecay, (float) momentum, (float) (1 - dampening), nesterov, firstStep);
    }

    /** Builds {@link Sgd} from PyTorch's defaults; not thread-safe. */
    public static final class Builder {
        private double lr = 1e-3;
        private double momentum = 0;
        private double dampening = 0;
        private boolean nesterov = false;
        private double weightDecay = 0;

        private Builder() {
        }

        /** The learning rate (default 0.001). */
        public Builder lr(double value) {
            lr = value;
            return this;
        }

        /** The momentum factor (default 0). */
        public Builder momentum(double value) {
            momentum = value;
            return this;
        }

        /** The dampening of momentum (default 0). */
        public Builder dampening(double value) {
            dampening = value;
            return this;
        }

        /** Whether to use Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
        public Builder nesterov(boolean value) {
            nesterov = value;
            return this;
        }

        /** The L2 penalty added to the gradient (default 0). */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** The validated hyperparameters. */
        public Sgd build() {
            return new Sgd(lr, momentum, dampening, nesterov, weightDecay);
        }
    }
}
