package dev.descent.autograd.checks;

import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.autograd.Node;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

/**
 * Small random inputs for gradient checks, chosen away from the points where the checked functions have
 * kinks, so that a central difference with step 1e-2 never straddles one. Not thread-safe.
 */
public final class TestInputs {
    private final Backend backend;
    private final SeededRandom random;

    public TestInputs(Backend backend, long seed) {
        this.backend = backend;
        this.random = new SeededRandom(seed);
    }

    /** Values whose magnitude lies in [low, high), each sign equally likely. */
    public Tensor signed(float low, float high, int... dims) {
        Tensor t = Tensor.uniform(backend, random, low, high, dims);
        float[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            if (random.nextDouble() < 0.5) {
                v[i] = -v[i];
            }
        }
        return Tensor.of(backend, v, dims);
    }

    /** Values in [low, high). */
    public Tensor uniform(float low, float high, int... dims) {
        return Tensor.uniform(backend, random, low, high, dims);
    }

    /** Evenly spaced values in [-1, 1] (plus up to 0.01 of jitter), shuffled: no ties for max/min when n <= 20. */
    public Tensor distinct(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = -1f + 2f * i / Math.max(1, n - 1) + 0.01f * random.nextFloat();
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float tmp = v[i];
            v[i] = v[j];
            v[j] = tmp;
        }
        return Tensor.of(backend, v, dims);
    }
}
