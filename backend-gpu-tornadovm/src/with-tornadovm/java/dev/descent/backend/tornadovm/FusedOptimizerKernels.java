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
            sgdAt(m, p, 0, p.get(4), f, 0, i);
        }
    }

    /** Element i of {@link #sgd}: ints at {@code p[q..]}, the flags given, floats at {@code f[r..]}. */
    static void sgdAt(FloatArray m, IntArray p, int q, int flags, FloatArray f, int r, int i) {
        int pi = p.get(q) + i;
        float param = m.get(pi);
        float g = m.get(p.get(q + 1) + i) + f.get(r + 3) * param;
        if ((flags & 1) != 0) {
            int bi = p.get(q + 2) + i;
            float buffer = (flags & 4) != 0 ? g : m.get(bi) * f.get(r + 1) + f.get(r + 2) * g;
            m.set(bi, buffer);
            g = (flags & 2) != 0 ? g + f.get(r + 1) * buffer : buffer;
        }
        m.set(pi, param - f.get(r) * g);
    }

    /**
     * Adam and AdamW. p: [param, grad, expAvg, expAvgSq, n, flags] with flags bit 0 = decoupled (AdamW), bit 1 =
     * lerp weight below 0.5; f: [1 - beta1, beta2, 1 - beta2, eps, weightDecay (L2, 0 for AdamW),
     * 1 - lr·weightDecay, lr / (1 - beta1^t), sqrt(1 - beta2^t), 1 - (1 - beta1) in float].
     */
    static void adam(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(4)) {
            adamAt(m, p, 0, p.get(5), f, 0, i);
        }
    }

    /** Element i of {@link #adam}: ints at {@code p[q..]}, the flags given, floats at {@code f[r..]}. */
    static void adamAt(FloatArray m, IntArray p, int q, int flags, FloatArray f, int r, int i) {
        int pi = p.get(q) + i;
        int ai = p.get(q + 2) + i;
        int si = p.get(q + 3) + i;
        float param = m.get(pi);
        if ((flags & 1) != 0) {
            param = param * f.get(r + 5);
        }
        float g = m.get(p.get(q + 1) + i) + f.get(r + 4) * param;
        float oldAvg = m.get(ai);
        float difference = g - oldAvg;
        float expAvg = (flags & 2) != 0 ? oldAvg + f.get(r) * difference : g - difference * f.get(r + 8);
        float expAvgSq = m.get(si) * f.get(r + 1) + (f.get(r + 2) * g) * g;
        m.set(ai, expAvg);
        m.set(si, expAvgSq);
        float denominator = TornadoMath.sqrt(expAvgSq) / f.get(r + 7) + f.get(r + 3);
        m.set(pi, param - f.get(r + 6) * (expAvg / denominator));
    }

    /**
     * RMSprop. p: [param, grad, squareAvg, gradAvg, momentumBuffer, n, flags] with flags bit 0 = centered,
     * bit 1 = momentum, bit 2 = lerp weight below 0.5; f: [lr, alpha, eps, weightDecay, momentum, 1 - alpha,
     * 1 - (1 - alpha) in float].
     */
    static void rmsprop(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(5)) {
            rmspropAt(m, p, 0, p.get(6), f, 0, i);
        }
    }

    /** Element i of {@link #rmsprop}: ints at {@code p[q..]}, the flags given, floats at {@code f[r..]}. */
    static void rmspropAt(FloatArray m, IntArray p, int q, int flags, FloatArray f, int r, int i) {
        int pi = p.get(q) + i;
        int si = p.get(q + 2) + i;
        float param = m.get(pi);
        float g = m.get(p.get(q + 1) + i) + f.get(r + 3) * param;
        float squareAvg = m.get(si) * f.get(r + 1) + (f.get(r + 5) * g) * g;
        m.set(si, squareAvg);
        float average;
        if ((flags & 1) != 0) {
            int gi = p.get(q + 3) + i;
            float oldAvg = m.get(gi);
            float difference = g - oldAvg;
            float gradAvg = (flags & 4) != 0 ? oldAvg + f.get(r + 5) * difference : g - difference * f.get(r + 6);
            m.set(gi, gradAvg);
            average = TornadoMath.sqrt(squareAvg - gradAvg * gradAvg) + f.get(r + 2);
        } else {
            average = TornadoMath.sqrt(squareAvg) + f.get(r + 2);
        }
        if ((flags & 2) != 0) {
            int bi = p.get(q + 4) + i;
            float buffer = m.get(bi) * f.get(r + 4) + g / average;
            m.set(bi, buffer);
            m.set(pi, param - f.get(r) * buffer);
        } else {
            m.set(pi, param - f.get(r) * (g / average));
        }
    }

    /**
     * Adagrad. p: [param, grad, stateSum, n]; f: [decayedLr = lr / (1 + (step - 1)·lrDecay), eps, weightDecay].
     */
    static void adagrad(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(3)) {
            adagradAt(m, p, 0, f, 0, i);
        }
    }

    /** Element i of {@link #adagrad}: ints at {@code p[q..]}, floats at {@code f[r..]}. */
    static void adagradAt(FloatArray m, IntArray p, int q, FloatArray f, int r, int i) {
        int pi = p.get(q) + i;
        int si = p.get(q + 2) + i;
        float param = m.get(pi);
        float g = m.get(p.get(q + 1) + i) + f.get(r + 2) * param;
        float sum = m.get(si) + g * g;
        m.set(si, sum);
        m.set(pi, param - f.get(r) * (g / (TornadoMath.sqrt(sum) + f.get(r + 1))));
    }
}
