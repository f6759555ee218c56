package dev.descent.backend.scalar;

import dev.descent.spi.OptimizerKernels;
import dev.descent.spi.Storage;

/**
 * The reference fused optimizer updates: one plain loop per algorithm that reads each element of the parameter,
 * gradient and state once and writes the parameter and state once, in float32 arithmetic in exactly the order the
 * {@link OptimizerKernels} formulas are written (torch.optim's), one rounding per operation and no fused
 * multiply-add (Java never contracts {@code a * b + c}), so the results do not depend on the JIT and equal the
 * {@code vector} backend's bit for bit. Options are loop-invariant flags (C2 unswitches such loops). Stateless
 * and thread-safe.
 */
final class ScalarOptimizerKernels implements OptimizerKernels {
    static final ScalarOptimizerKernels INSTANCE = new ScalarOptimizerKernels();

    private ScalarOptimizerKernels() {
    }

    private static float[] data(Storage s) {
        return s == null ? null : ((HeapStorage) s).data();
    }

    @Override
    public void sgd(Storage param, Storage grad, Storage momentumBuffer, int length, float lr, float weightDecay,
                    float momentum, float dampeningComplement, boolean nesterov, boolean firstStep) {
        float[] p = data(param);
        float[] g = data(grad);
        float[] b = data(momentumBuffer);
        boolean decay = weightDecay != 0f;
        if (b == null) {
            for (int i = 0; i < length; i++) {
                float d = decay ? g[i] + weightDecay * p[i] : g[i];
                p[i] = p[i] - lr * d;
            }
            return;
        }
        float keep = dampeningComplement;
        for (int i = 0; i < length; i++) {
            float d = decay ? g[i] + weightDecay * p[i] : g[i];
            float bi = firstStep ? d : b[i] * momentum + keep * d;
            b[i] = bi;
            float step = nesterov ? d + momentum * bi : bi;
            p[i] = p[i] - lr * step;
        }
    }

    @Override
    public void adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, int length,
                     float beta1Complement, float beta2, float beta2Complement, float eps, float weightDecay,
                     float decoupledScale, float stepSize, float biasCorrection2Sqrt) {
        float[] p = data(param);
        float[] g = data(grad);
        float[] m = data(expAvg);
        float[] v = data(expAvgSq);
        boolean decoupled = decoupledScale != 1f;
        boolean l2 = weightDecay != 0f;
        boolean smallWeight = Math.abs(beta1Complement) < 0.5f;
        float largeWeightComplement = 1f - beta1Complement;
        for (int i = 0; i < length; i++) {
            float pi = decoupled ? p[i] * decoupledScale : p[i];
            float gi = l2 ? g[i] + weightDecay * pi : g[i];
            float difference = gi - m[i];
            float mi = smallWeight ? m[i] + beta1Complement * difference : gi - difference * largeWeightComplement;
            float vi = v[i] * beta2 + (beta2Complement * gi) * gi;
            m[i] = mi;
            v[i] = vi;
            float denominator = (float) Math.sqrt(vi) / biasCorrection2Sqrt + eps;
            p[i] = pi - stepSize * (mi / denominator);
        }
    }

    @Override
    public void rmsprop(Storage param, Storage grad, Storage squareAvg, Storage gradAvg, Storage momentumBuffer,
                        int length, float lr, float alpha, float alphaComplement, float eps, float weightDecay,
                        float momentum) {
        float[] p = data(param);
        float[] g = data(grad);
        float[] s = data(squareAvg);
        float[] a = data(gradAvg);
        float[] b = data(momentumBuffer);
        boolean decay = weightDecay != 0f;
        boolean smallWeight = Math.abs(alphaComplement) < 0.5f;
        float largeWeightComplement = 1f - alphaComplement;
        for (int i = 0; i < length; i++) {
            float gi = decay ? g[i] + weightDecay * p[i] : g[i];
            float si = s[i] * alpha + (alphaComplement * gi) * gi;
            s[i] = si;
            float variance = si;
            if (a != null) {
                float difference = gi - a[i];
                float ai = smallWeight ? a[i] + alphaComplement * difference : gi - difference * largeWeightComplement;
                a[i] = ai;
                variance = si - ai * ai;
            }
            float denominator = (float) Math.sqrt(variance) + eps;
            if (b != null) {
                float bi = b[i] * momentum + gi / denominator;
                b[i] = bi;
                p[i] = p[i] - lr * bi;
            } else {
                p[i] = p[i] - lr * (gi / denominator);
            }
        }
    }

    @Override
    public void adagrad(Storage param, Storage grad, Storage sum, int length, float decayedLr, float eps,
                        float weightDecay) {
        float[] p = data(param);
        float[] g = data(grad);
        float[] s = data(sum);
        boolean decay = weightDecay != 0f;
        for (int i = 0; i < length; i++) {
            float gi = decay ? g[i] + weightDecay * p[i] : g[i];
            float si = s[i] + gi * gi;
            s[i] = si;
            p[i] = p[i] - decayedLr * (gi / ((float) Math.sqrt(si) + eps));
        }
    }
}
