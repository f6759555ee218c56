package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Fused optimizer updates, one thread per parameter element, following torch.optim's documented algorithms
 * exactly (no folding of Adam's bias correction into the learning rate; eps is added to the bias-corrected
 * square root). Scalars that depend on the step count (bias corrections, Adagrad's decayed learning rate) are
 * computed on the host in double and passed in f. Each kernel reads the parameter, its gradient and its state
 * once and writes them once.
 */
final class FusedOptimizerKernels {
    private FusedOptimizerKernels() {
    }

    /**
     * SGD with momentum, dampening, weight decay and Nesterov. p: [param, grad, momentumBuffer, n, flags] with
     * flags bit 0 = use momentum, bit 1 = nesterov, bit 2 = first step (the buffer starts as the gradient);
     * f: [lr, momentum, dampening, weightDecay].
     */
    static void sgd(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(3)) {
            int pi = p.get(0) + i;
            int flags = p.get(4);
            float param = m.get(pi);
            float g = m.get(p.get(1) + i) + f.get(3) * param;
            if ((flags & 1) != 0) {
                int bi = p.get(2) + i;
                float buffer = (flags & 4) != 0 ? g : f.get(1) * m.get(bi) + (1f - f.get(2)) * g;
                m.set(bi, buffer);
                g = (flags & 2) != 0 ? g + f.get(1) * buffer : buffer;
            }
            m.set(pi, param - f.get(0) * g);
        }
    }

    /**
     * Adam and AdamW. p: [param, grad, expAvg, expAvgSq, n, decoupled]; f: [lr, beta1, beta2, eps, weightDecay,
     * biasCorrection1, sqrt(biasCorrection2)]. Adam adds weightDecay·param to the gradient; AdamW (decoupled)
     * multiplies the parameter by (1 - lr·weightDecay) first.
     */
    static void adam(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(4)) {
            int pi = p.get(0) + i;
            int ai = p.get(2) + i;
            int si = p.get(3) + i;
            float lr = f.get(0);
            float beta1 = f.get(1);
            float beta2 = f.get(2);
            float weightDecay = f.get(4);
            float param = m.get(pi);
            float g = m.get(p.get(1) + i);
            if (p.get(5) != 0) {
                param = param * (1f - lr * weightDecay);
            } else {
                g = g + weightDecay * param;
            }
            float expAvg = beta1 * m.get(ai) + (1f - beta1) * g;
            float expAvgSq = beta2 * m.get(si) + (1f - beta2) * g * g;
            m.set(ai, expAvg);
            m.set(si, expAvgSq);
            float denominator = TornadoMath.sqrt(expAvgSq) / f.get(6) + f.get(3);
            m.set(pi, param - (lr / f.get(5)) * (expAvg / denominator));
        }
    }

    /**
     * RMSprop. p: [param, grad, squareAvg, gradAvg, momentumBuffer, n, flags] with flags bit 0 = centered,
     * bit 1 = momentum; f: [lr, alpha, eps, weightDecay, momentum].
     */
    static void rmsprop(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(5)) {
            int pi = p.get(0) + i;
            int si = p.get(2) + i;
            int flags = p.get(6);
            float alpha = f.get(1);
            float param = m.get(pi);
            float g = m.get(p.get(1) + i) + f.get(3) * param;
            float squareAvg = alpha * m.get(si) + (1f - alpha) * g * g;
            m.set(si, squareAvg);
            float average;
            if ((flags & 1) != 0) {
                int gi = p.get(3) + i;
                float gradAvg = alpha * m.get(gi) + (1f - alpha) * g;
                m.set(gi, gradAvg);
                average = TornadoMath.sqrt(squareAvg - gradAvg * gradAvg) + f.get(2);
            } else {
                average = TornadoMath.sqrt(squareAvg) + f.get(2);
            }
            if ((flags & 2) != 0) {
                int bi = p.get(4) + i;
                float buffer = f.get(4) * m.get(bi) + g / average;
                m.set(bi, buffer);
                m.set(pi, param - f.get(0) * buffer);
            } else {
                m.set(pi, param - f.get(0) * (g / average));
            }
        }
    }

    /**
     * Adagrad. p: [param, grad, stateSum, n]; f: [decayedLr = lr / (1 + (step - 1)·lrDecay), eps, weightDecay].
     */
    static void adagrad(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(3)) {
            int pi = p.get(0) + i;
            int si = p.get(2) + i;
            float param = m.get(pi);
            float g = m.get(p.get(1) + i) + f.get(2) * param;
            float sum = m.get(si) + g * g;
            m.set(si, sum);
            m.set(pi, param - f.get(0) * (g / (TornadoMath.sqrt(sum) + f.get(1))));
        }
    }
}
