package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import dev.descent.optim.HyperparameterForm.Range;
import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

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
    static final String MOMENTUM_BUFFER = "momentum_buffer";
    static final HyperparameterForm<Sgd> FORM = HyperparameterForm.<Sgd>declare("SGD")
            .real("lr", 1e-3, Range.NON_NEGATIVE, Sgd::lr)
            .real("momentum", 0, Range.NON_NEGATIVE, Sgd::momentum)
            .real("dampening", 0, Range.UNIT_CLOSED, Sgd::dampening)
            .flag("nesterov", false, Sgd::nesterov)
            .real("weight_decay", 0, Range.NON_NEGATIVE, Sgd::weightDecay)
            .create(v -> new Sgd(v.real("lr"), v.real("momentum"), v.real("dampening"), v.flag("nesterov"),
                    v.real("weight_decay")));
    /** SGD as {@link Optimizer} runs it. */
    public static final Algorithm<Sgd> ALGORITHM = new Rule();

    /** Validates every hyperparameter against its declared range, naming the first one out of range. */
    public Sgd {
        FORM.validate(lr, momentum, dampening, nesterov ? 1 : 0, weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new InvalidArgumentException("SGD: nesterov requires momentum > 0 and dampening == 0, got "
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
    public Algorithm<Sgd> definition() {
        return ALGORITHM;
    }

    @Override
    public Sgd withLr(double lr) {
        return new Sgd(lr, momentum, dampening, nesterov, weightDecay);
    }

    /** Builds {@link Sgd} from PyTorch's defaults; not thread-safe. */
    public static final class Builder extends HyperparameterForm.Builder<Sgd, Builder> {
        private Builder() {
            super(FORM);
        }

        /** The learning rate. */
        public Builder lr(double value) {
            return set("lr", value);
        }

        /** The momentum factor. */
        public Builder momentum(double value) {
            return set("momentum", value);
        }

        /** The dampening of the gradient's contribution to the momentum buffer. */
        public Builder dampening(double value) {
            return set("dampening", value);
        }

        /** Whether to use Nesterov momentum. */
        public Builder nesterov(boolean value) {
            return set("nesterov", value);
        }

        /** The L2 penalty coefficient. */
        public Builder weightDecay(double value) {
            return set("weight_decay", value);
        }
    }

    /** The update: reference with tensor operations, fused through {@link OptimizerKernels#sgd}. */
    private static final class Rule extends AbstractAlgorithm<Sgd> implements FusedUpdate<Sgd, OptimizerKernels> {
        Rule() {
            super("SGD", Sgd.class, FORM);
        }

        @Override
        public Set<String> bufferNames(Sgd hp) {
            return Set.of(MOMENTUM_BUFFER);
        }

        @Override
        public void update(Sgd hp, Tensor param, ParameterState state) {
            state.advanceStep();
            Tensor d = param.grad();
            if (hp.weightDecay() != 0) {
                d = d.copy().addInPlace(param, (float) hp.weightDecay());
            }
            if (hp.momentum() != 0) {
                boolean firstStep = !state.has(MOMENTUM_BUFFER);
                Tensor buffer = state.buffer(MOMENTUM_BUFFER, param, 0f);
                if (firstStep) {
                    buffer.copyFrom(d);
                } else {
                    buffer.mulInPlace((float) hp.momentum()).addInPlace(d, (float) (1 - hp.dampening()));
                }
                d = hp.nesterov() ? d.copy().addInPlace(buffer, (float) hp.momentum()) : buffer;
            }
            param.addInPlace(d, -(float) hp.lr());
        }

        @Override
        public FusedUpdate<Sgd, OptimizerKernels> fusedKernel() {
            return this;
        }

        @Override
        public Class<OptimizerKernels> kernelType() {
            return OptimizerKernels.class;
        }

        @Override
        public void update(Sgd hp, OptimizerKernels kernels, Tensor param, ParameterState state) {
            state.advanceStep();
            Tensor buffer = null;
            boolean firstStep = false;
            if (hp.momentum() != 0) {
                firstStep = !state.has(MOMENTUM_BUFFER);
                buffer = state.buffer(MOMENTUM_BUFFER, param, 0f);
            }
            kernels.sgd(param.storage(), param.grad().storage(), buffer == null ? null : buffer.storage(),
                    param.size(), (float) hp.lr(), (float) hp.weightDecay(), (float) hp.momentum(),
                    (float) (1 - hp.dampening()), hp.nesterov(), firstStep);
        }
    }
}
