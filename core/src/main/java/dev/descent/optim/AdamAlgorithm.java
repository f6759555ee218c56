package dev.descent.optim;

import dev.descent.spi.OptimizerKernels;
import dev.descent.tensor.Tensor;

import java.util.Set;

/**
 * Adam's and AdamW's update (they differ only in where weight decay applies): the reference with tensor
 * operations and the fused form through {@link OptimizerKernels#adam}. Stateless and thread-safe.
 */
final class AdamAlgorithm<H extends AdamFamily> extends AbstractAlgorithm<H> {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";

    private final boolean decoupled;
    private final FusedUpdate<H, OptimizerKernels> fused;

    AdamAlgorithm(String name, Class<H> type, HyperparameterForm<H> form, boolean decoupled) {
        super(name, type, form);
        this.decoupled = decoupled;
        this.fused = new Fused();
    }

    @Override
    public Set<String> bufferNames(H hp) {
        return Set.of(EXP_AVG, EXP_AVG_SQ);
    }

    /**
     * torch.optim's single-tensor order: decoupled decay, L2 decay, {@code m.lerp_(g, 1 − beta1)},
     * {@code v.mul_(beta2).addcmul_(g, g, 1 − beta2)}, {@code denominator = sqrt(v) / sqrt(bc2) + eps},
     * {@code p.addcdiv_(m, denominator, −lr / bc1)}; every combination of hyperparameters in double, rounded once.
     */
    @Override
    public void update(H hp, Tensor param, ParameterState state) {
        Tensor m = state.buffer(EXP_AVG, param, 0f);
        Tensor v = state.buffer(EXP_AVG_SQ, param, 0f);
        long t = state.advanceStep();
        Scalars c = Scalars.of(hp, t, decoupled);
        if (c.decoupledScale != 1f) {
            param.mulInPlace(c.decoupledScale);
        }
        Tensor g = param.grad();
        if (c.weightDecay != 0f) {
            g = g.copy().addInPlace(param, c.weightDecay);
        }
        Lerp.inPlace(m, g, c.beta1Complement);
        v.mulInPlace(c.beta2).addInPlace(g.mul(c.beta2Complement).mul(g), 1f);
        Tensor denominator = v.sqrt().div(c.biasCorrection2Sqrt).add(c.eps);
        param.addInPlace(m.div(denominator), -c.stepSize);
    }

    @Override
    public FusedUpdate<H, OptimizerKernels> fusedKernel() {
        return fused;
    }

    private final class Fused implements FusedUpdate<H, OptimizerKernels> {
        @Override
        public Class<OptimizerKernels> kernelType() {
            return OptimizerKernels.class;
        }

        @Override
        public void update(H hp, OptimizerKernels kernels, Tensor param, ParameterState state) {
            Tensor expAvg = state.buffer(EXP_AVG, param, 0f);
            Tensor expAvgSq = state.buffer(EXP_AVG_SQ, param, 0f);
            long t = state.advanceStep();
            // the same scalars as Scalars.of, written out: no object per parameter and step on the fused path
            kernels.adam(param.storage(), param.grad().storage(), expAvg.storage(), expAvgSq.storage(),
                    param.size(), (float) (1 - hp.beta1()), (float) hp.beta2(), (float) (1 - hp.beta2()),
                    (float) hp.eps(), decoupled ? 0f : (float) hp.weightDecay(),
                    decoupled ? (float) (1 - hp.lr() * hp.weightDecay()) : 1f,
                    (float) (hp.lr() / (1 - Math.pow(hp.beta1(), t))), (float) Math.sqrt(1 - Math.pow(hp.beta2(), t)));
        }
    }

    /**
     * The step's float32 scalars, each computed in double and rounded once as torch.optim does (see
     * {@link OptimizerKernels#adam}).
     */
    private record Scalars(float beta1Complement, float beta2, float beta2Complement, float eps, float weightDecay,
                           float decoupledScale, float stepSize, float biasCorrection2Sqrt) {
        static Scalars of(AdamFamily hp, long t, boolean decoupled) {
            return new Scalars((float) (1 - hp.beta1()), (float) hp.beta2(), (float) (1 - hp.beta2()),
                    (float) hp.eps(), decoupled ? 0f : (float) hp.weightDecay(),
                    decoupled ? (float) (1 - hp.lr() * hp.weightDecay()) : 1f,
                    (float) (hp.lr() / (1 - Math.pow(hp.beta1(), t))),
                    (float) Math.sqrt(1 - Math.pow(hp.beta2(), t)));
        }
    }
}
