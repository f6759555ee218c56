package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Fused optimizer updates, one thread per parameter element, following torch.optim's single-tensor
 * implementations in their order of evaluation ({@link dev.descent.spi.OptimizerKernels} states it per formula:
 * lerp for the moving averages, {@code (c·g)·g} for addcmul, eps added to the bias-corrected square root).
 * Every combination of hyperparameters ({@code 1 - beta}, {@code lr / (1 - beta1^t)}, {@code sqrt(1 - beta2^t)},
 * {@code 1 - lr·weightDecay}, Adagrad's decayed learning rate) arrives in f computed on the host in double and
 * rounded once. OpenCL compilers may contract {@code a·b + c} into a fused multiply-add, as PyTorch's vectorised
 * CPU kernels do. Each kernel reads the parameter, its gradient and its state once and writes them once.
 */
final class FusedOptimizerKernels {
    private FusedOptimizerKernels() {
    }

    /**
     * SGD with momentum, dampening, weight decay and Nesterov. p: [param, grad, momentumBuffer, n, flags] with
     * flags bit 0 = use momentum, bit 1 = nesterov, bit 2 = first step (the buffer starts as the gradient);
     * f: [lr, momentum, 1 - dampening, weightDecay].
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
                float buffer = (flags & 4) != 0 ? g : m.get(bi) * f.get(1) + f.get(2) * g;
                m.set(bi, buffer);
                g = (flags & 2) != 0 ? g + f.get(1) * buffer : buffer;
            }
            m.set(pi, param - f.get(0) * g);
        }
    }

    /**
     * Adam and AdamW. p: [param, grad, expAvg, expAvgSq, n, flags] with flags bit 0 = decoupled (AdamW), bit 1 =
     * lerp weight below 0.5; f: [1 - beta1, beta2, 1 - beta2, eps, weightDecay (L2, 0 for AdamW),
     * 1 - lr·weightDecay, lr / (1 - beta1^t), sqrt(1 - beta2^t), 1 - (1 - beta1) in float].
     */
    static void adam(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(4)) {
            int pi = p.get(0) + i;
            int ai = p.get(2) + i;
            int si = p.get(3) + i;
            int flags = p.get(5);
            float param = m.get(pi);
            if ((flags & 1) != 0) {
                param = param * f.get(5);
            }
            float g = m.get(p.get(1) + i) + f.get(4) * param;
            float oldAvg = m.get(ai);
            float difference = g - oldAvg;
            float expAvg = (flags & 2) != 0 ? oldAvg + f.get(0) * difference : g - difference * f.get(8);
            float expAvgSq = m.get(si) * f.get(1) + (f.get(2) * g) * g;
            m.set(ai, expAvg);
            m.set(si, expAvgSq);
            float denominator = TornadoMath.sqrt(expAvgSq) / f.get(7) + f.get(3);
            m.set(pi, param - f.get(6) * (expAvg / denominator));
        }
    }

    /**
     * RMSprop. p: [param, grad, squareAvg, gradAvg, momentumBuffer, n, flags] with flags bit 0 = centered,
     * bit 1 = momentum, bit 2 = lerp weight below 0.5; f: [lr, alpha, eps, weightDecay, momentum, 1 - alpha,
     * 1 - (1 - alpha) in float].
     */
    static void rmsprop(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(5)) {
            int pi = p.get(0) + i;
            int si = p.get(2) + i;
            int flags = p.get(6);
            float param = m.get(pi);
            float g = m.get(p.get(1) + i) + f.get(3) * param;
            float squareAvg = m.get(si) * f.get(1) + (f.get(5) * g) * g;
            m.set(si, squareAvg);
            float average;
            if ((flags & 1) != 0) {
                int gi = p.get(3) + i;
                float oldAvg = m.get(gi);
                float difference = g - oldAvg;
                float gradAvg = (flags & 4) != 0 ? oldAvg + f.get(5) * difference : g - difference * f.get(6);
                m.set(gi, gradAvg);
                average = TornadoMath.sqrt(squareAvg - gradAvg * gradAvg) + f.get(2);
            } else {
                average = TornadoMath.sqrt(squareAvg) + f.get(2);
            }
            if ((flags & 2) != 0) {
                int bi = p.get(4) + i;
                float buffer = m.get(bi) * f.get(4) + g / average;
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
