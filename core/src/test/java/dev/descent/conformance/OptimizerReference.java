package dev.descent.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * float64 implementations of the {@code torch.optim} update rules, written directly from PyTorch's documented
 * pseudo-code (not from descent's kernels), against which the optimizer suite checks every backend. Each instance
 * is the state of one parameter; {@link #step} advances it by one step with the given gradient.
 */
abstract class OptimizerReference {
    long t;
    final Map<String, double[]> buffers = new LinkedHashMap<>();

    /** One step: updates {@code p} in place from gradient {@code g} (which it must not modify). */
    final void step(double[] p, double[] g) {
        t++;
        update(p, g.clone());
    }

    abstract void update(double[] p, double[] g);

    double[] buffer(String name, int length, double initial) {
        return buffers.computeIfAbsent(name, k -> {
            double[] b = new double[length];
            java.util.Arrays.fill(b, initial);
            return b;
        });
    }

    static void addWeightDecay(double[] g, double[] p, double weightDecay) {
        if (weightDecay != 0) {
            for (int i = 0; i < g.length; i++) {
                g[i] = g[i] + weightDecay * p[i];
            }
        }
    }

    /** torch.optim.SGD. */
    static OptimizerReference sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        return new OptimizerReference() {
            @Override
            void update(double[] p, double[] g) {
                addWeightDecay(g, p, weightDecay);
                if (momentum != 0) {
                    boolean first = !buffers.containsKey("momentum_buffer");
                    double[] b = buffer("momentum_buffer", p.length, 0);
                    for (int i = 0; i < p.length; i++) {
                        b[i] = first ? g[i] : momentum * b[i] + (1 - dampening) * g[i];
                        g[i] = nesterov ? g[i] + momentum * b[i] : b[i];
                    }
                }
                for (int i = 0; i < p.length; i++) {
                    p[i] = p[i] - lr * g[i];
                }
            }
        };
    }

    /** torch.optim.Adam ({@code decoupled == false}) or torch.optim.AdamW ({@code decoupled == true}). */
    static OptimizerReference adam(double lr, double beta1, double beta2, double eps, double weightDecay,
                                   boolean decoupled) {
        return new OptimizerReference() {
            @Override
            void update(double[] p, double[] g) {
                if (decoupled) {
                    for (int i = 0; i < p.length; i++) {
                        p[i] = p[i] - lr * weightDecay * p[i];
                    }
                } else {
                    addWeightDecay(g, p, weightDecay);
                }
                double[] m = buffer("exp_avg", p.length, 0);
                double[] v = buffer("exp_avg_sq", p.length, 0);
                for (int i = 0; i < p.length; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    double mHat = m[i] / (1 - Math.pow(beta1, t));
                    double vHat = v[i] / (1 - Math.pow(beta2, t));
                    p[i] = p[i] - lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
        };
    }

    /** torch.optim.RMSprop. */
    static OptimizerReference rmsprop(double lr, double alpha, double eps, double weightDecay, double momentum,
                                      boolean centered) {
        return new OptimizerReference() {
            @Override
            void update(double[] p, double[] g) {
                addWeightDecay(g, p, weightDecay);
                double[] v = buffer("square_avg", p.length, 0);
                double[] gAve = centered ? buffer("grad_avg", p.length, 0) : null;
                double[] b = momentum > 0 ? buffer("momentum_buffer", p.length, 0) : null;
                for (int i = 0; i < p.length; i++) {
                    v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
                    double vTilde = v[i];
                    if (centered) {
                        gAve[i] = gAve[i] * alpha + (1 - alpha) * g[i];
                        vTilde = vTilde - gAve[i] * gAve[i];
                    }
                    if (momentum > 0) {
                        b[i] = momentum * b[i] + g[i] / (Math.sqrt(vTilde) + eps);
                        p[i] = p[i] - lr * b[i];
                    } else {
                        p[i] = p[i] - lr * g[i] / (Math.sqrt(vTilde) + eps);
                    }
                }
            }
        };
    }

    /** torch.optim.Adagrad. */
    static OptimizerReference adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulator,
                                      double eps) {
        return new OptimizerReference() {
            @Override
            void update(double[] p, double[] g) {
                double clr = lr / (1 + (t - 1) * lrDecay);
                addWeightDecay(g, p, weightDecay);
                double[] sum = buffer("sum", p.length, initialAccumulator);
                for (int i = 0; i < p.length; i++) {
                    sum[i] = sum[i] + g[i] * g[i];
                    p[i] = p[i] - clr * g[i] / (Math.sqrt(sum[i]) + eps);
                }
            }
        };
    }
}
