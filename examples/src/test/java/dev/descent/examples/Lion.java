package dev.descent.examples;

import dev.descent.optim.AbstractAlgorithm;
import dev.descent.optim.Algorithm;
import dev.descent.optim.HyperparameterForm;
import dev.descent.optim.HyperparameterForm.Range;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.ParameterState;
import dev.descent.tensor.Tensor;

import java.util.Set;

/**
 * Lion (Chen et al., "Symbolic Discovery of Optimization Algorithms", 2023), written outside core with public API
 * only, as the proof that the optimizer SPI is open. Per parameter and step, with decoupled weight decay:
 * <pre>
 * p = p·(1 − lr·weight_decay)
 * c = beta1·m + (1 − beta1)·g
 * p = p − lr·sign(c)
 * m = beta2·m + (1 − beta2)·g
 * </pre>
 * Defaults (the paper's and lion-pytorch's): lr 1e-4, betas (0.9, 0.99), weight_decay 0. State: {@code exp_avg}.
 *
 * @param lr          learning rate
 * @param beta1       interpolation of the update direction ({@code betas[0]})
 * @param beta2       decay of the momentum ({@code betas[1]})
 * @param weightDecay decoupled weight-decay coefficient
 */
public record Lion(double lr, double beta1, double beta2, double weightDecay) implements Hyperparameters {
    static final HyperparameterForm<Lion> FORM = HyperparameterForm.<Lion>declare("Lion")
            .real("lr", 1e-4, Range.NON_NEGATIVE, Lion::lr)
            .real("beta1", "betas[0]", 0.9, Range.UNIT_OPEN, Lion::beta1)
            .real("beta2", "betas[1]", 0.99, Range.UNIT_OPEN, Lion::beta2)
            .real("weight_decay", 0, Range.NON_NEGATIVE, Lion::weightDecay)
            .create(v -> new Lion(v.real("lr"), v.real("beta1"), v.real("beta2"), v.real("weight_decay")));

    /** Lion's update, in tensor operations (no backend has a fused kernel for it). */
    public static final Algorithm<Lion> ALGORITHM = new AbstractAlgorithm<>("Lion", Lion.class, FORM) {
        @Override
        public Set<String> bufferNames(Lion hp) {
            return Set.of("exp_avg");
        }

        @Override
        public void update(Lion hp, Tensor param, ParameterState state) {
            state.advanceStep();
            Tensor m = state.buffer("exp_avg", param, 0f);
            Tensor g = param.grad();
            Tensor direction = m.mul((float) hp.beta1()).addInPlace(g, (float) (1 - hp.beta1())).sign();
            param.mulInPlace((float) (1 - hp.lr() * hp.weightDecay())).addInPlace(direction, (float) -hp.lr());
            m.mulInPlace((float) hp.beta2()).addInPlace(g, (float) (1 - hp.beta2()));
        }
    };

    /** Validates every value against its declared range. */
    public Lion {
        FORM.validate(lr, beta1, beta2, weightDecay);
    }

    @Override
    public Algorithm<Lion> definition() {
        return ALGORITHM;
    }

    @Override
    public Lion withLr(double lr) {
        return new Lion(lr, beta1, beta2, weightDecay);
    }
}
