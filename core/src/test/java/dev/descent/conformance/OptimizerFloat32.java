package dev.descent.conformance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * float32 implementations of the {@code torch.optim} update rules, written from PyTorch's single-tensor CPU code
 * (its order of evaluation, and every combination of Python-double hyperparameters computed in double and rounded
 * once), independently of descent's kernels. The optimizer suite measures how far this lies from the float64
 * {@link OptimizerReference} on each case and allows a backend ten times that gap: the float32 rounding a correct
 * implementation cannot avoid, per case, instead of one flat tolerance.
 */
abstract class OptimizerFloat32 {
    long t;
    final Map<String, float[]> buffers = new LinkedHashMap<>();

    /** One step: updates {@code p} in place from gradient {@code g} (which it must not modify). */
    final void step(float[] p, float[] g) {
        t++;
        update(p, g.clone());
    }

    abstract void update(float[] p, float[] g);

    float[] buffer(String name, int length, float initial) {
        return buffers.computeIfAbsent(name, k -> {
            float[] b = new float[length];
            Arrays.fill(b, initial);
            return b;
        });
    }

    /** {@code grad.add(param, alpha=weight_decay)}. */
    static void addWeightDecay(float[] g, float[] p, float weightDecay) {
        if (weightDecay != 0f) {
            for (int i = 0; i < g.length; i++) {
                g[i] = g[i] + weightDecay * p[i];
            }
        }
    }

    /** {@code Tensor.lerp_(end, weight)}: ATen switches formula at {@code |weight| = 0.5} for accuracy. */
    static float lerp(float self, float end, float weight) {
        return Math.abs(weight) < 0.5f ? self + weight * (end - self) : end - (end - self) * (1f - weight);
    }

    static OptimizerFloat32 sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        float lrF = (float) lr;
        float momentumF = (float) momentum;
        float keep = (float) (1 - dampening);
        return new OptimizerFloat32() {
            @Override
            void update(float[] p, float[] g) {
                addWeightDecay(g, p, (float) weightDecay);
                if (momentum != 0) {
                    boolean first = !buffers.containsKey("momentum_buffer");
                    float[] b = buffer("momentum_buffer", p.length, 0f);
                    for (int i = 0; i < p.length; i++) {
                        // buf.mul_(momentum).add_(grad, alpha=1 - dampening)
                        b[i] = first ? g[i] : b[i] * momentumF + keep * g[i];
                        g[i] = nesterov ? g[i] + momentumF * b[i] : b[i];
                    }
                }
                for (int i = 0; i < p.length; i++) {
                    p[i] = p[i] + -lrF * g[i];
                }
            }
        };
    }

    static OptimizerFloat32 adam(double lr, double beta1, double beta2, double eps, double weightDecay,
                                 boolean decoupled) {
        return new OptimizerFloat32() {
            @Override
            void update(float[] p, float[] g) {
                if (decoupled) {
                    float scale = (float) (1 - lr * weightDecay);
                    for (int i = 0; i < p.length; i++) {
                        p[i] = p[i] * scale;
                    }
                } else {
                    addWeightDecay(g, p, (float) weightDecay);
                }
                float[] m = buffer("exp_avg", p.length, 0f);
                float[] v = buffer("exp_avg_sq", p.length, 0f);
                float weight1 = (float) (1 - beta1);
                float beta2F = (float) beta2;
                float weight2 = (float) (1 - beta2);
                float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
                float biasCorrection2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
                float epsF = (float) eps;
                for (int i = 0; i < p.length; i++) {
                    m[i] = lerp(m[i], g[i], weight1);
                    v[i] = v[i] * beta2F + (weight2 * g[i]) * g[i];
                    float denominator = (float) Math.sqrt(v[i]) / biasCorrection2Sqrt + epsF;
                    p[i] = p[i] + -stepSize * (m[i] / denominator);
                }
            }
        };
    }

    static OptimizerFloat32 rmsprop(double lr, double alpha, double eps, double weightDecay, double momentum,
                                    boolean centered) {
        return new OptimizerFloat32() {
            @Override
            void update(float[] p, float[] g) {
                addWeightDecay(g, p, (float) weightDecay);
                float[] s = buffer("square_avg", p.length, 0f);
                float[] a = centered ? buffer("grad_avg", p.length, 0f) : null;
                float[] b = momentum > 0 ? buffer("momentum_buffer", p.length, 0f) : null;
                float alphaF = (float) alpha;
                float weight = (float) (1 - alpha);
                for (int i = 0; i < p.length; i++) {
                    s[i] = s[i] * alphaF + (weight * g[i]) * g[i];
                    float average;
                    if (centered) {
                        a[i] = lerp(a[i], g[i], weight);
                        average = (float) Math.sqrt(s[i] + (-1f * a[i]) * a[i]);
                    } else {
                        average = (float) Math.sqrt(s[i]);
                    }
                    average = average + (float) eps;
                    if (b != null) {
                        b[i] = b[i] * (float) momentum + 1f * (g[i] / average);
                        p[i] = p[i] + -(float) lr * b[i];
                    } else {
                        p[i] = p[i] + -(float) lr * (g[i] / average);
                    }
                }
            }
        };
    }

    static OptimizerFloat32 adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulator,
                                    double eps) {
        return new OptimizerFloat32() {
            @Override
            void update(float[] p, float[] g) {
                float clr = (float) (lr / (1 + (t - 1) * lrDecay));
                addWeightDecay(g, p, (float) weightDecay);
                float[] sum = buffer("sum", p.length, (float) initialAccumulator);
                for (int i = 0; i < p.length; i++) {
                    sum[i] = sum[i] + (1f * g[i]) * g[i];
                    float std = (float) Math.sqrt(sum[i]) + (float) eps;
                    p[i] = p[i] + -clr * (g[i] / std);
                }
            }
        };
    }
}
