package dev.descent.backend.vector;

import static dev.descent.backend.vector.PolynomialConstants.*;

/**
 * One-float twins of {@link VectorMath}'s polynomials: the same constants, the same operations (each FMA an FMA,
 * each rounding step the same) in the same order, so that every result has the same bits as the corresponding
 * lane of {@link VectorMath#expPolynomial}, {@link VectorMath#logPolynomial}, {@link VectorMath#tanhPolynomial} and
 * {@link VectorMath#sigmoid}. The small-size kernels ({@link SmallKernels}) use them, so that switching between a
 * plain loop and a vector loop by size never changes a result. Only valid while {@link VectorMath#LANEWISE} is
 * false (the default); with the lanewise operators the vector results are not reproducible anyway and the small
 * kernels leave transcendentals to the vector path. Stateless and thread-safe.
 */
final class ScalarMath {

    private ScalarMath() {
    }

    /** e^x, as one lane of {@link VectorMath#expPolynomial}. */
    static float exp(float x) {
        float xc = Math.min(Math.max(x, -104f), 89f);
        float t = Math.fma(xc, LOG2E, SHIFTER);
        float n = t - SHIFTER;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float y = Math.fma(r, EXP_P0, EXP_P1);
        y = Math.fma(y, r, EXP_P2);
        y = Math.fma(y, r, EXP_P3);
        y = Math.fma(y, r, EXP_P4);
        y = Math.fma(y, r, EXP_P5);
        y = Math.fma(y, r * r, r + 1f);
        int ni = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        int n1 = ni >> 1;
        int n2 = ni - n1;
        float s1 = Float.intBitsToFloat((n1 + 127) << 23);
        float s2 = Float.intBitsToFloat((n2 + 127) << 23);
        return y * s1 * s2;
    }

    /** Natural logarithm, as one lane of {@link VectorMath#logPolynomial}. */
    static float log(float x) {
        if (x != x || x == Float.POSITIVE_INFINITY) {
            return x;
        }
        if (x < 0f) {
            return Float.NaN;
        }
        if (x == 0f) {
            return Float.NEGATIVE_INFINITY;
        }
        boolean subnormal = x < Float.MIN_NORMAL;
        float xs = subnormal ? x * 8388608f : x;
        float eBias = subnormal ? 23f : 0f;
        int bits = Float.floatToRawIntBits(xs);
        float e = (float) ((bits >>> 23) - 126) - eBias;
        float m = Float.intBitsToFloat((bits & 0x007FFFFF) | 0x3F000000);
        boolean low = m < SQRT_HALF;
        e = e - (low ? 1f : 0f);
        float f = (m + (low ? m : 0f)) - 1f;
        float z = f * f;
        float y = Math.fma(f, LOG_P0, LOG_P1);
        y = Math.fma(y, f, LOG_P2);
        y = Math.fma(y, f, LOG_P3);
        y = Math.fma(y, f, LOG_P4);
        y = Math.fma(y, f, LOG_P5);
        y = Math.fma(y, f, LOG_P6);
        y = Math.fma(y, f, LOG_P7);
        y = Math.fma(y, f, LOG_P8);
        y = y * f * z;
        y = Math.fma(e, LN2_LO, y);
        y = Math.fma(z, -0.5f, y);
        float result = f + y;
        return Math.fma(e, LN2_HI, result);
    }

    /** Hyperbolic tangent, as one lane of {@link VectorMath#tanhPolynomial}. */
    static float tanh(float x) {
        float ax = Math.abs(x);
        float z = x * x;
        float p = Math.fma(z, TANH_P0, TANH_P1);
        p = Math.fma(p, z, TANH_P2);
        p = Math.fma(p, z, TANH_P3);
        p = Math.fma(p, z, TANH_P4);
        float magnitude;
        if (ax < TANH_SMALL) {
            magnitude = Math.fma(p * z, ax, ax);
        } else {
            magnitude = 1f - 2f / (exp(ax + ax) + 1f);
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(magnitude) | (Float.floatToRawIntBits(x) & 0x80000000));
    }

    /** 1 / (1 + e^-x), as one lane of {@link VectorMath#sigmoid}. */
    static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float denominator = e + 1f;
        float numerator = x < 0f ? e : 1f;
        return numerator / denominator;
    }
}
