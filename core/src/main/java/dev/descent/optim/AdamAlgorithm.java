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

    @Override
    public void update(H hp, Tensor param, ParameterState state) {
        Tensor m = state.buffer(EXP_AVG, param, 0f);
        Tensor v = state.buffer(EXP_AVG_SQ, param, 0f);
        long t = state.advanceStep();
        float lr = (float) hp.lr();
        float beta1 = (float) hp.beta1();
        float beta2 = (float) hp.beta2();
        float weightDecay = (float) hp.weightDecay();
        Tensor g = param.grad();
        if (weightDecay != 0f) {
            if (decoupled) {
                param.mulInPlace(1f - lr * weightDecay);
            } else {
                g = g.copy().addInPlace(param, weightDecay);
            }
        }
        m.mulInPlace(beta1).addInPlace(g, 1f - beta1);
        v.mulInPlace(beta2).addInPlace(g.square(), 1f - beta2);
        float biasCorrection1 = (float) (1 - Math.pow(hp.beta1(), t));
        float biasCorrection2 = (float) (1 - Math.pow(hp.beta2(), t));
        Tensor denominator = v.div(biasCorrection2).sqrt().add((float) hp.eps());
        param.addInPlace(m.div(biasCorrection1).div(denominator), -lr);
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
            double biasCorrection1 = 1 - Math.pow(hp.beta1(), t);
            double biasCorrection2 = 1 - Math.pow(hp.beta2(), t);
            kernels.adam(param.storage(), param.grad().storage(), expAvg.storage(), expAvgSq.storage(),
                    param.size(), (float) hp.lr(), (float) hp.beta1(), (float) hp.beta2(), (float) hp.eps(),
                    (float) hp.weightDecay(), decoupled, (float) biasCorrection1, (float) biasCorrection2);
        }
    }
}
