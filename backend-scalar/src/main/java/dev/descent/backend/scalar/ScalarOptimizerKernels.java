package dev.descent.backend.scalar;

import dev.descent.spi.OptimizerKernels;
import dev.descent.spi.Storage;

/**
 * The reference fused optimizer updates: one plain loop per algorithm that reads each element of the parameter,
 * gradient and state once and writes the parameter and state once, in float32 arithmetic in exactly the order the
 * {@link OptimizerKernels} formulas are written (no fused multiply-add, so results are reproducible bit for bit).
 * Options are loop-invariant flags (C2 unswitches such loops). Stateless and thread-safe.
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
                    float momentum, float dampening, boolean nesterov, boolean firstStep) {
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
        float keep = 1f - dampening;
        for (int i = 0; i < length; i++) {
            float d = decay ? g[i] + weightDecay * p[i] : g[i];
            float bi = firstStep ? d : momentum * b[i] + keep * d;
            b[i] = bi;
            float step = nesterov ? d + momentum * bi : bi;
            p[i] = p[i] - lr * step;
        }
    }

    @Override
    public void adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, int length, float lr,
                     float beta1, float beta2, float eps, float weightDecay, boolean decoupledWeightDecay,
                     float biasCorrection1, float biasCorrection2) {
        float[] p = data(param);
        float[] g = data(grad);
        float[] m = data(expAvg);
        float[] v = data(expAvgSq);
        boolean decoupled = decoupledWeightDecay && weightDecay != 0f;
        boolean l2 = !decoupledWeightDecay && weightDecay != 0f;
        float decay = 1f - lr * weightDecay;
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        for (int i = 0; i < length; i++) {
            float pi = decoupled ? p[i] * decay : p[i];
            float gi = l2 ? g[i] + weightDecay * pi : g[i];
            float mi = beta1 * m[i] + oneMinusBeta1 * gi;
            float vi = beta2 * v[i] + oneMinusBeta2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            float mHat = mi / biasCorrection1;
            float vHat = vi / biasCorrection2;
            p[i] = pi - lr * (mHat / ((float) Math.sqrt(vHat) + eps));
        }
    }

    @Override
    public void rmsprop(Storage param, Storage grad, Storage squareAvg, Storage gradAvg, Storage momentumBuffer,
                        int length, float lr, float alpha, float eps, float weightDecay, float momentum) {
        float[] p = data(param);
        float[] g = data(grad);
        float[] s = data(squareAvg);
        float[] a = data(gradAvg);
        float[] b = data(momentumBuffer);
        float oneMinusAlpha = 1f - alpha;
        boolean decay = weightDecay != 0f;
        for (int i = 0; i < length; i++) {
            float gi = decay ? g[i] + weightDecay * p[i] : g[i];
            float si = alpha * s[i] + oneMinusAlpha * (gi * gi);
            s[i] = si;
            float variance = si;
            if (a != null) {
                float ai = alpha * a[i] + oneMinusAlpha * gi;
                a[i] = ai;
                variance = si - ai * ai;
            }
            float denominator = (float) Math.sqrt(variance) + eps;
            if (b != null) {
                float bi = momentum * b[i] + gi / denominator;
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
