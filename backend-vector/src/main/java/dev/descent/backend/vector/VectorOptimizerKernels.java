package dev.descent.backend.vector;

import dev.descent.spi.OptimizerKernels;
import dev.descent.spi.Storage;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused optimizer updates on the Vector API: each algorithm is one pass that loads the parameter, gradient
 * and state vectors once and stores the parameter and state once, split over the worker pool in chunks above
 * {@link Parallelism#ELEMENTWISE} elements (the updates are memory bound: two cores move about twice the bytes of
 * one). The arithmetic follows {@link OptimizerKernels}' formulas (torch.optim's order) in the written order
 * without fused multiply-adds, like the scalar reference, so both backends give the same bits for the same inputs
 * whatever the JIT has compiled (lane-wise IEEE operations round exactly as their scalar twins); the scalar tail
 * uses the identical float expressions. Stateless apart from the shared pool; thread-safe.
 */
final class VectorOptimizerKernels implements OptimizerKernels {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;
    private static final int L = S.length();

    private final WorkerPool pool;
    private final int threads;

    VectorOptimizerKernels(WorkerPool pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** One contiguous range {@code [from, to)} of an update. */
    @FunctionalInterface
    private interface Range {
        void apply(int from, int to);
    }

    /**
     * Whether an update of {@code length} elements runs on the calling thread in one range: the callers then call
     * the range kernel directly, so that no capturing lambda is made per call before C2 has compiled the caller
     * (issue 14: a replayed step allocates nothing).
     */
    private boolean serial(int length) {
        return length < Parallelism.ELEMENTWISE || threads == 1;
    }

    private void split(int length, Range range) {
        if (serial(length)) {
            range.apply(0, length);
            return;
        }
        int chunks = (length + Parallelism.CHUNK - 1) / Parallelism.CHUNK;
        pool.run(chunks, t -> {
            int from = t * Parallelism.CHUNK;
            range.apply(from, Math.min(length, from + Parallelism.CHUNK));
        });
    }

    /**
     * How much of a range of {@code n} elements the vector loop covers: none for small ranges
     * ({@link SmallKernels#small}), whose elements all take the scalar tail (the same float expressions, so the
     * same bits) and run fast before C2 has compiled the vector loop.
     */
    private static int vectorPart(int n) {
        return SmallKernels.small(n) ? 0 : S.loopBound(n);
    }

    private static float[] data(Storage s) {
        return s == null ? null : ((HeapStorage) s).data;
    }

    @Override
    public void sgd(Storage param, Storage grad, Storage momentumBuffer, int length, float lr, float weightDecay,
                    float momentum, float dampeningComplement, boolean nesterov, boolean firstStep) {
        float[] p = data(param);
        float[] g = data(grad);
        float[] b = data(momentumBuffer);
        if (serial(length)) {
            sgd(p, g, b, 0, length, lr, weightDecay, momentum, dampeningComplement, nesterov, firstStep);
            return;
        }
        split(length, (from, to) -> sgd(p, g, b, from, to, lr, weightDecay, momentum, dampeningComplement, nesterov,
                firstStep));
    }

    private static void sgd(float[] p, float[] g, float[] b, int from, int to, float lr, float wd, float momentum,
                            float keep, boolean nesterov, boolean firstStep) {
        boolean decay = wd != 0f;
        int i = from;
        for (int bound = from + vectorPart(to - from); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector d = FloatVector.fromArray(S, g, i);
            if (decay) {
                d = d.add(pv.mul(wd));
            }
            if (b != null) {
                FloatVector bv = firstStep ? d : FloatVector.fromArray(S, b, i).mul(momentum).add(d.mul(keep));
                bv.intoArray(b, i);
                d = nesterov ? d.add(bv.mul(momentum)) : bv;
            }
            pv.sub(d.mul(lr)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float d = decay ? g[i] + wd * p[i] : g[i];
            if (b != null) {
                float bi = firstStep ? d : b[i] * momentum + keep * d;
                b[i] = bi;
                d = nesterov ? d + momentum * bi : bi;
            }
            p[i] = p[i] - lr * d;
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
        if (serial(length)) {
            adam(p, g, m, v, 0, length, beta1Complement, beta2, beta2Complement, eps, weightDecay, decoupledScale,
                    stepSize, biasCorrection2Sqrt);
            return;
        }
        split(length, (from, to) -> adam(p, g, m, v, from, to, beta1Complement, beta2, beta2Complement, eps,
                weightDecay, decoupledScale, stepSize, biasCorrection2Sqrt));
    }

    private static void adam(float[] p, float[] g, float[] m, float[] v, int from, int to, float w1, float beta2,
                             float w2, float eps, float wd, float decoupledScale, float stepSize, float bc2Sqrt) {
        boolean decoupled = decoupledScale != 1f;
        boolean l2 = wd != 0f;
        boolean smallWeight = Math.abs(w1) < 0.5f;
        float largeWeightComplement = 1f - w1;
        int i = from;
        for (int bound = from + vectorPart(to - from); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            if (decoupled) {
                pv = pv.mul(decoupledScale);
            }
            FloatVector gv = FloatVector.fromArray(S, g, i);
            if (l2) {
                gv = gv.add(pv.mul(wd));
            }
            FloatVector mOld = FloatVector.fromArray(S, m, i);
            FloatVector difference = gv.sub(mOld);
            FloatVector mv = smallWeight ? mOld.add(difference.mul(w1))
                    : gv.sub(difference.mul(largeWeightComplement));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(w2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denominator = vv.sqrt().div(bc2Sqrt).add(eps);
            pv.sub(mv.div(denominator).mul(stepSize)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float pi = decoupled ? p[i] * decoupledScale : p[i];
            float gi = l2 ? g[i] + wd * pi : g[i];
            float difference = gi - m[i];
            float mi = smallWeight ? m[i] + w1 * difference : gi - difference * largeWeightComplement;
            float vi = v[i] * beta2 + (w2 * gi) * gi;
            m[i] = mi;
            v[i] = vi;
            float denominator = (float) Math.sqrt(vi) / bc2Sqrt + eps;
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
        if (serial(length)) {
            rmsprop(p, g, s, a, b, 0, length, lr, alpha, alphaComplement, eps, weightDecay, momentum);
            return;
        }
        split(length, (from, to) -> rmsprop(p, g, s, a, b, from, to, lr, alpha, alphaComplement, eps, weightDecay,
                momentum));
    }

    private static void rmsprop(float[] p, float[] g, float[] s, float[] a, float[] b, int from, int to, float lr,
                                float alpha, float w, float eps, float wd, float momentum) {
        boolean decay = wd != 0f;
        boolean smallWeight = Math.abs(w) < 0.5f;
        float largeWeightComplement = 1f - w;
        int i = from;
        for (int bound = from + vectorPart(to - from); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector gv = FloatVector.fromArray(S, g, i);
            if (decay) {
                gv = gv.add(pv.mul(wd));
            }
            FloatVector sv = FloatVector.fromArray(S, s, i).mul(alpha).add(gv.mul(w).mul(gv));
            sv.intoArray(s, i);
            FloatVector variance = sv;
            if (a != null) {
                FloatVector aOld = FloatVector.fromArray(S, a, i);
                FloatVector difference = gv.sub(aOld);
                FloatVector av = smallWeight ? aOld.add(difference.mul(w))
                        : gv.sub(difference.mul(largeWeightComplement));
                av.intoArray(a, i);
                variance = sv.sub(av.mul(av));
            }
            FloatVector denominator = variance.sqrt().add(eps);
            FloatVector step;
            if (b != null) {
                FloatVector bv = FloatVector.fromArray(S, b, i).mul(momentum).add(gv.div(denominator));
                bv.intoArray(b, i);
                step = bv;
            } else {
                step = gv.div(denominator);
            }
            pv.sub(step.mul(lr)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float gi = decay ? g[i] + wd * p[i] : g[i];
            float si = s[i] * alpha + (w * gi) * gi;
            s[i] = si;
            float variance = si;
            if (a != null) {
                float difference = gi - a[i];
                float ai = smallWeight ? a[i] + w * difference : gi - difference * largeWeightComplement;
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
        if (serial(length)) {
            adagrad(p, g, s, 0, length, decayedLr, eps, weightDecay);
            return;
        }
        split(length, (from, to) -> adagrad(p, g, s, from, to, decayedLr, eps, weightDecay));
    }

    private static void adagrad(float[] p, float[] g, float[] s, int from, int to, float lr, float eps, float wd) {
        boolean decay = wd != 0f;
        int i = from;
        for (int bound = from + vectorPart(to - from); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector gv = FloatVector.fromArray(S, g, i);
            if (decay) {
                gv = gv.add(pv.mul(wd));
            }
            FloatVector sv = FloatVector.fromArray(S, s, i).add(gv.mul(gv));
            sv.intoArray(s, i);
            pv.sub(gv.div(sv.sqrt().add(eps)).mul(lr)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float gi = decay ? g[i] + wd * p[i] : g[i];
            float si = s[i] + gi * gi;
            s[i] = si;
            p[i] = p[i] - lr * (gi / ((float) Math.sqrt(si) + eps));
        }
    }
}
