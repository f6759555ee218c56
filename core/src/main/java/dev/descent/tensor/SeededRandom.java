package dev.descent.tensor;

import dev.descent.InvalidArgumentException;

/**
 * A small, portable pseudo-random generator (SplitMix64) behind every random tensor, weight initialisation,
 * shuffle and dropout mask in descent. The same seed yields the same sequence on every JVM and every backend,
 * because numbers are always drawn here on the host and uploaded afterwards.
 *
 * <p>Its whole state is one {@code long} ({@link #state()}, {@link #setState(long)}), so it can be saved in a
 * checkpoint and restored exactly. Not thread-safe: give each thread its own generator (e.g. from
 * {@link #split()}).
 */
public final class SeededRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2 * Math.PI;

    private long state;

    /** A generator whose sequence is fixed by {@code seed}. */
    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** The generator's state; {@code new SeededRandom(0).setState(s)} continues exactly where this one is. */
    public long state() {
        return state;
    }

    /** Restores a state read with {@link #state()}, e.g. from a checkpoint. */
    public void setState(long state) {
        this.state = state;
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits (every value exactly representable as a float). */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new InvalidArgumentException("nextInt: bound must be positive, got " + bound);
        }
        long threshold = (1L << 32) % bound;
        while (true) {
            long r = nextLong() >>> 32;
            if (r >= threshold) {
                return (int) (r % bound);
            }
        }
    }

    /** A standard normal sample (Box-Muller in double precision; one pair of uniforms per call). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1], so the log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    }

    /** Fills {@code out} with standard normal samples, using both values of each Box-Muller pair. */
    public void fillGaussian(float[] out) {
        int i = 0;
        for (; i + 1 < out.length; i += 2) {
            double u1 = 1.0 - nextDouble();
            double u2 = nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            out[i] = (float) (r * Math.cos(TWO_PI * u2));
            out[i + 1] = (float) (r * Math.sin(TWO_PI * u2));
        }
        if (i < out.length) {
            out[i] = (float) nextGaussian();
        }
    }

    /** A random permutation of {@code 0..n-1} (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A new generator seeded from this one; the two sequences are statistically independent. */
    public SeededRandom split() {
        return new SeededRandom(nextLong());
    }
}
