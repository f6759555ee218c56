package dev.descent.backend.vector;

import dev.descent.spi.OptimizerKernels;
import dev.descent.spi.Storage;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused optimizer updates on the Vector API: each algorithm is one pass that loads the parameter, gradient
 * and state vectors once and stores the parameter and state once, split over the worker pool in chunks above
 * {@link Parallelism#ELEMENTWISE} elements (the updates are memory bound: two cores move about twice the bytes of
 * one). The arithmetic follows {@link OptimizerKernels}' formulas in the written order without fused
 * multiply-adds, like the scalar reference, so both backends give the same bits for the same inputs; the scalar
 * tail uses the identical float expressions. Stateless apart from the shared pool; thread-safe.
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

    private void split(int length, Range range) {
        if (length < Parallelism.ELEMENTWISE || threads == 1) {
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
                    float momentum, float dampening, boolean nesterov, boolean firstStep) {
        float[] p = data(param);
        float[] g = data(grad);
        float[] b = data(momentumBuffer);
        split(length, (from, to) -> sgd(p, g, b, from, to, lr, weightDecay, momentum, 1f - dampening, nesterov,
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
                float bi = firstStep ? d : momentum * b[i] + keep * d;
                b[i] = bi;
                d = nesterov ? d + momentum * bi : bi;
            }
            p[i] = p[i] - lr * d;
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
        split(length, (from, to) -> adam(p, g, m, v, from, to, lr, beta1, beta2, eps, weightDecay,
                decoupledWeightDecay, biasCorrection1, biasCorrection2));
    }

    private static void adam(float[] p, float[] g, float[] m, float[] v, int from, int to, float lr, float beta1,
                             float beta2, float eps, float wd, boolean decoupledWeightDecay, float bc1, float bc2) {
        boolean decoupled = decoupledWeightDecay && wd != 0f;
        boolean l2 = !decoupledWeightDecay && wd != 0f;
        float decay = 1f - lr * wd;
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        int i = from;
        for (int bound = from + vectorPart(to - from); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            if (decoupled) {
                pv = pv.mul(decay);
            }
            FloatVector gv = FloatVector.fromArray(S, g, i);
            if (l2) {
                gv = gv.add(pv.mul(wd));
            }
            FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gv.mul(oneMinusBeta1));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(oneMinusBeta2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector mHat = mv.div(bc1);
            FloatVector vHat = vv.div(bc2);
            pv.sub(mHat.div(vHat.sqrt().add(eps)).mul(lr)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float pi = decoupled ? p[i] * decay : p[i];
            float gi = l2 ? g[i] + wd * pi : g[i];
            float mi = beta1 * m[i] + oneMinusBeta1 * gi;
            float vi = beta2 * v[i] + oneMinusBeta2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            float mHat = mi / bc1;
            float vHat = vi / bc2;
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
        split(length, (from, to) -> rmsprop(p, g, s, a, b, from, to, lr, alpha, eps, weightDecay, momentum));
    }

    private static void rmsprop(float[] p, float[] g, float[] s, float[] a, float[] b, int from, int to, float lr,
                                float alpha, float eps, float wd, float momentum) {
        float oneMinusAlpha = 1f - alpha;
        boolean decay = wd != 0f;
        int i = from;
        for (int bound = from + vectorPart(to - from); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector gv = FloatVector.fromArray(S, g, i);
            if (decay) {
                gv = gv.add(pv.mul(wd));
            }
            FloatVector sv = FloatVector.fromArray(S, s, i).mul(alpha).add(gv.mul(gv).mul(oneMinusAlpha));
            sv.intoArray(s, i);
            FloatVector variance = sv;
            if (a != null) {
                FloatVector av = FloatVector.fromArray(S, a, i).mul(alpha).add(gv.mul(oneMinusAlpha));
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
