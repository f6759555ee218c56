package dev.descent.optim;

import dev.descent.optim.HyperparameterForm.Range;
import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

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
    static final String SQUARE_AVG = "square_avg";
    static final String GRAD_AVG = "grad_avg";
    static final String MOMENTUM_BUFFER = "momentum_buffer";
    static final HyperparameterForm<RmsProp> FORM = HyperparameterForm.<RmsProp>declare("RMSprop")
            .real("lr", 1e-2, Range.NON_NEGATIVE, RmsProp::lr)
            .real("alpha", 0.99, Range.UNIT_CLOSED, RmsProp::alpha)
            .real("eps", 1e-8, Range.NON_NEGATIVE, RmsProp::eps)
            .real("weight_decay", 0, Range.NON_NEGATIVE, RmsProp::weightDecay)
            .real("momentum", 0, Range.NON_NEGATIVE, RmsProp::momentum)
            .flag("centered", false, RmsProp::centered)
            .create(v -> new RmsProp(v.real("lr"), v.real("alpha"), v.real("eps"), v.real("weight_decay"),
                    v.real("momentum"), v.flag("centered")));
    /** RMSprop as {@link Optimizer} runs it. */
    public static final Algorithm<RmsProp> ALGORITHM = new Rule();

    /** Validates every hyperparameter against its declared range, naming the first one out of range. */
    public RmsProp {
        FORM.validate(lr, alpha, eps, weightDecay, momentum, centered ? 1 : 0);
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
    public Algorithm<RmsProp> definition() {
        return ALGORITHM;
    }

    @Override
    public RmsProp withLr(double lr) {
        return new RmsProp(lr, alpha, eps, weightDecay, momentum, centered);
    }

    /** Builds {@link RmsProp} from PyTorch's defaults; not thread-safe. */
    public static final class Builder extends HyperparameterForm.Builder<RmsProp, Builder> {
        private Builder() {
            super(FORM);
        }

        /** The learning rate. */
        public Builder lr(double value) {
            return set("lr", value);
        }

        /** The smoothing constant of the averages. */
        public Builder alpha(double value) {
            return set("alpha", value);
        }

        /** The denominator's stability term. */
        public Builder eps(double value) {
            return set("eps", value);
        }

        /** The L2 penalty coefficient. */
        public Builder weightDecay(double value) {
            return set("weight_decay", value);
        }

        /** The momentum factor. */
        public Builder momentum(double value) {
            return set("momentum", value);
        }

        /** Whether to normalise by the estimated variance. */
        public Builder centered(boolean value) {
            return set("centered", value);
        }
    }

    /** The update: reference with tensor operations, fused through {@link OptimizerKernels#rmsprop}. */
    private static final class Rule extends AbstractAlgorithm<RmsProp>
            implements FusedUpdate<RmsProp, OptimizerKernels> {
        Rule() {
            super("RMSprop", RmsProp.class, FORM);
        }

        @Override
        public Set<String> bufferNames(RmsProp hp) {
            return Set.of(SQUARE_AVG, GRAD_AVG, MOMENTUM_BUFFER);
        }

        @Override
        public void update(RmsProp hp, Tensor param, ParameterState state) {
            state.advanceStep();
            float alpha = (float) hp.alpha();
            float alphaComplement = (float) (1 - hp.alpha());
            Tensor g = param.grad();
            if (hp.weightDecay() != 0) {
                g = g.copy().addInPlace(param, (float) hp.weightDecay());
            }
            Tensor squareAvg = state.buffer(SQUARE_AVG, param, 0f);
            squareAvg.mulInPlace(alpha).addInPlace(g.mul(alphaComplement).mul(g), 1f);
            Tensor denominator;
            if (hp.centered()) {
                Tensor gradAvg = state.buffer(GRAD_AVG, param, 0f);
                Lerp.inPlace(gradAvg, g, alphaComplement);
                denominator = squareAvg.sub(gradAvg.square()).sqrt();
            } else {
                denominator = squareAvg.sqrt();
            }
            Tensor step = g.div(denominator.add((float) hp.eps()));
            if (hp.momentum() > 0) {
                Tensor buffer = state.buffer(MOMENTUM_BUFFER, param, 0f);
                step = buffer.mulInPlace((float) hp.momentum()).addInPlace(step, 1f);
            }
            param.addInPlace(step, -(float) hp.lr());
        }

        @Override
        public FusedUpdate<RmsProp, OptimizerKernels> fusedKernel() {
            return this;
        }

        @Override
        public Class<OptimizerKernels> kernelType() {
            return OptimizerKernels.class;
        }

        @Override
        public void update(RmsProp hp, OptimizerKernels kernels, Tensor param, ParameterState state) {
            state.advanceStep();
            Tensor squareAvg = state.buffer(SQUARE_AVG, param, 0f);
            Tensor gradAvg = hp.centered() ? state.buffer(GRAD_AVG, param, 0f) : null;
            Tensor buffer = hp.momentum() > 0 ? state.buffer(MOMENTUM_BUFFER, param, 0f) : null;
            kernels.rmsprop(param.storage(), param.grad().storage(), squareAvg.storage(),
                    gradAvg == null ? null : gradAvg.storage(), buffer == null ? null : buffer.storage(),
                    param.size(), (float) hp.lr(), (float) hp.alpha(), (float) (1 - hp.alpha()), (float) hp.eps(),
                    (float) hp.weightDecay(), (float) hp.momentum());
        }
    }
}
