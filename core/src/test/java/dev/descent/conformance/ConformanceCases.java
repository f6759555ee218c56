package dev.descent.conformance;

import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The base of every group of conformance cases: the backend under test, the sizes the suite sweeps, and seeded
 * input generators. Each group is an abstract class that {@link BackendConformanceTest} reaches through a
 * {@code @Nested} class, so a backend module runs everything by extending that one class.
 *
 * <p>Inputs are drawn from {@link SeededRandom} with fixed seeds, so a failure reproduces exactly.
 */
abstract class ConformanceCases {
    /**
     * Lengths for elementwise ops and reductions: empty, one element, and odd lengths that are not multiples of
     * any vector width (1023 and 1025 straddle a power of two; 4099 and 100003 are primes), so that both the
     * vector loop and its scalar tail run.
     */
    static final int[] SIZES = {0, 1, 7, 17, 1023, 1025, 4096 + 3, 100_003};

    /** The backend under test. */
    protected abstract Backend backend();

    static IntStream sizes() {
        return Arrays.stream(SIZES);
    }

    /** A 1-D tensor of {@code values}. */
    Tensor tensor(float[] values) {
        return Tensor.of(backend(), values);
    }

    /** A tensor of {@code values} with {@code dims}; empty {@code dims} make a rank-0 tensor. */
    Tensor tensor(float[] values, int[] dims) {
        return dims.length == 0 ? Tensor.of(backend(), values).reshape() : Tensor.of(backend(), values, dims);
    }

    /** Uniform values in [low, high). */
    static float[] uniform(long seed, int n, double low, double high) {
        SeededRandom r = new SeededRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (low + (high - low) * r.nextDouble());
        }
        return out;
    }

    /** Normal values with mean 0 and the given standard deviation. */
    static float[] normal(long seed, int n, double std) {
        SeededRandom r = new SeededRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (std * r.nextGaussian());
        }
        return out;
    }

    /** Positive values whose magnitudes spread evenly over {@code 2^minExponent .. 2^maxExponent}. */
    static float[] logUniform(long seed, int n, int minExponent, int maxExponent) {
        SeededRandom r = new SeededRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.pow(2, minExponent + (maxExponent - minExponent) * r.nextDouble());
        }
        return out;
    }

    /** Signed values with magnitudes from {@code 2^-60} to {@code 2^60}: very large and very small at once. */
    static float[] wideMagnitudes(long seed, int n) {
        SeededRandom r = new SeededRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double mantissa = 1 + r.nextDouble();
            int exponent = r.nextInt(121) - 60;
            out[i] = (float) ((r.nextInt(2) == 0 ? -1 : 1) * Math.scalb(mantissa, exponent));
        }
        return out;
    }

    /** Values from the grid {-2, -1.5, ..., 2}: many exact ties, for comparisons and argmax/argmin. */
    static float[] grid(long seed, int n) {
        SeededRandom r = new SeededRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (r.nextInt(9) - 4) * 0.5f;
        }
        return out;
    }

    /** Values with no zero, roughly normal: divisors. */
    static float[] nonZero(long seed, int n) {
        float[] out = normal(seed, n, 4);
        for (int i = 0; i < n; i++) {
            out[i] += out[i] < 0 ? -0.25f : 0.25f;
        }
        return out;
    }

    /** A short description of element {@code i} of {@code x} for failure messages. */
    static String element(String name, float[] x, int i) {
        return name + "=" + x[i];
    }
}
