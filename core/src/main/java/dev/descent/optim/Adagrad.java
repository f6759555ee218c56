package dev.descent.optim;

import dev.descent.optim.HyperparameterForm.Range;
import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

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
    static final String SUM = "sum";
    static final HyperparameterForm<Adagrad> FORM = HyperparameterForm.<Adagrad>declare("Adagrad")
            .real("lr", 1e-2, Range.NON_NEGATIVE, Adagrad::lr)
            .real("lr_decay", 0, Range.NON_NEGATIVE, Adagrad::lrDecay)
            .real("weight_decay", 0, Range.NON_NEGATIVE, Adagrad::weightDecay)
            .real("initial_accumulator_value", 0, Range.NON_NEGATIVE, Adagrad::initialAccumulatorValue)
            .real("eps", 1e-10, Range.NON_NEGATIVE, Adagrad::eps)
            .create(v -> new Adagrad(v.real("lr"), v.real("lr_decay"), v.real("weight_decay"),
                    v.real("initial_accumulator_value"), v.real("eps")));
    /** Adagrad as {@link Optimizer} runs it. */
    public static final Algorithm<Adagrad> ALGORITHM = new Rule();

    /** Validates every hyperparameter against its declared range, naming the first one out of range. */
    public Adagrad {
        FORM.validate(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
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
    public Algorithm<Adagrad> definition() {
        return ALGORITHM;
    }

    @Override
    public Adagrad withLr(double lr) {
        return new Adagrad(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    /** Builds {@link Adagrad} from PyTorch's defaults; not thread-safe. */
    public static final class Builder extends HyperparameterForm.Builder<Adagrad, Builder> {
        private Builder() {
            super(FORM);
        }

        /** The learning rate. */
        public Builder lr(double value) {
            return set("lr", value);
        }

        /** The learning-rate decay per step. */
        public Builder lrDecay(double value) {
            return set("lr_decay", value);
        }

        /** The L2 penalty coefficient. */
        public Builder weightDecay(double value) {
            return set("weight_decay", value);
        }

        /** The accumulator's starting value. */
        public Builder initialAccumulatorValue(double value) {
            return set("initial_accumulator_value", value);
        }

        /** The denominator's stability term. */
        public Builder eps(double value) {
            return set("eps", value);
        }
    }

    /** The update: reference with tensor operations, fused through {@link OptimizerKernels#adagrad}. */
    private static final class Rule extends AbstractAlgorithm<Adagrad>
            implements FusedUpdate<Adagrad, OptimizerKernels> {
        Rule() {
            super("Adagrad", Adagrad.class, FORM);
        }

        @Override
        public Set<String> bufferNames(Adagrad hp) {
            return Set.of(SUM);
        }

        /** PyTorch creates Adagrad's state eagerly, in the constructor. */
        @Override
        public void initialise(Adagrad hp, Tensor param, ParameterState state) {
            state.buffer(SUM, param, (float) hp.initialAccumulatorValue());
        }

        @Override
        public void update(Adagrad hp, Tensor param, ParameterState state) {
            Tensor sum = state.buffer(SUM, param, (float) hp.initialAccumulatorValue());
            float decayedLr = (float) decayedLr(hp, state.advanceStep());
            Tensor g = param.grad();
            if (hp.weightDecay() != 0) {
                g = g.copy().addInPlace(param, (float) hp.weightDecay());
            }
            sum.addInPlace(g.square(), 1f);
            param.addInPlace(g.div(sum.sqrt().add((float) hp.eps())), -decayedLr);
        }

        @Override
        public FusedUpdate<Adagrad, OptimizerKernels> fusedKernel() {
            return this;
        }

        @Override
        public Class<OptimizerKernels> kernelType() {
            return OptimizerKernels.class;
        }

        @Override
        public void update(Adagrad hp, OptimizerKernels kernels, Tensor param, ParameterState state) {
            Tensor sum = state.buffer(SUM, param, (float) hp.initialAccumulatorValue());
            double decayedLr = decayedLr(hp, state.advanceStep());
            kernels.adagrad(param.storage(), param.grad().storage(), sum.storage(), param.size(), (float) decayedLr,
                    (float) hp.eps(), (float) hp.weightDecay());
        }

        private static double decayedLr(Adagrad hp, long t) {
            return hp.lr() / (1 + (t - 1) * hp.lrDecay());
        }
    }
}
