package dev.descent.backend.vector;

import static dev.descent.backend.vector.PolynomialConstants.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised transcendental functions on {@link VectorShapes#SPECIES} lanes.
 *
 * <p>Two implementations, chosen once per JVM by {@link #LANEWISE}. The default is our own Cody-Waite range
 * reduction and Cephes minimax polynomials (the same ones as Cephes' {@code expf}, {@code logf}, {@code tanhf})
 * evaluated with FMAs, which inline into the kernel loop and give the same bits on every platform, in the
 * interpreter and in compiled code alike: training runs are bit-reproducible. {@code -Ddescent.vector.math=lanewise}
 * selects the Vector API's lanewise {@code VectorOperators.EXP}, {@code LOG} and {@code TANH} instead, which JDK 25
 * backs with Intel's SVML stubs ({@code libjsvml}) once C2 has compiled the loop, but evaluates with scalar
 * {@link Math} calls before that: the same input can then give results that differ in the last ulp depending on
 * JIT timing, so runs (and 1- versus 2-thread runs) stop being bit-identical. That is why it is opt-in. Measured side by side on the Emerald Rapids bench machine (1M floats, one thread, see
 * bench/README.md): SVML exp 0.68x, tanh 0.26x, log 0.18x, sigmoid 0.26x of the polynomials' time, with lower
 * error (max 0.6 vs 1.3 ulp for exp/tanh/log). Both are within 2.5 ulp of the correctly rounded float result,
 * and handle NaN, infinities, zeros and subnormal inputs as {@link Math} does. Stateless and thread-safe.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = VectorShapes.SPECIES;

    /**
     * Whether {@link #exp}, {@link #log}, {@link #tanh} and {@link #sigmoid} use the lanewise operators (SVML)
     * instead of the polynomials: only with {@code -Ddescent.vector.math=lanewise} (see the class comment on
     * reproducibility). A constant, so C2 folds the choice away.
     */
    static final boolean LANEWISE = chooseLanewise();

    private VectorMath() {
    }

    private static boolean chooseLanewise() {
        return System.getProperty("descent.vector.math", "polynomial").equals("lanewise");
    }

    /** e^x. */
    static FloatVector exp(FloatVector x) {
        return LANEWISE ? x.lanewise(VectorOperators.EXP) : expPolynomial(x);
    }

    /** Natural logarithm: log(+0) = -inf, log(x < 0) = NaN, log(+inf) = +inf. */
    static FloatVector log(FloatVector x) {
        return LANEWISE ? x.lanewise(VectorOperators.LOG) : logPolynomial(x);
    }

    /** Hyperbolic tangent. */
    static FloatVector tanh(FloatVector x) {
        return LANEWISE ? x.lanewise(VectorOperators.TANH) : tanhPolynomial(x);
    }

    /** 1 / (1 + e^-x), from e^-|x| so that nothing overflows: for x < 0 it is e^x / (1 + e^x). */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector denominator = e.add(1f);
        FloatVector numerator = FloatVector.broadcast(S, 1f).blend(e, x.compare(VectorOperators.LT, 0f));
        return numerator.div(denominator);
    }

    /** e^x by polynomial. Overflows to +inf above ~88.72, underflows through subnormals to +0 below ~-103.97. */
    static FloatVector expPolynomial(FloatVector x) {
        // Clamping keeps n within [-150, 128]; NaN passes through min/max (Math.min/max semantics).
        FloatVector xc = x.max(-104f).min(89f);
        FloatVector t = xc.fma(LOG2E, SHIFTER);
        FloatVector n = t.sub(SHIFTER);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector y = r.fma(EXP_P0, EXP_P1);
        y = y.fma(r, FloatVector.broadcast(S, EXP_P2));
        y = y.fma(r, FloatVector.broadcast(S, EXP_P3));
        y = y.fma(r, FloatVector.broadcast(S, EXP_P4));
        y = y.fma(r, FloatVector.broadcast(S, EXP_P5));
        y = y.fma(r.mul(r), r.add(1f));
        // 2^n as two factors 2^(n/2) so that both stay normal floats across the clamped range.
        IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(s1).mul(s2);
    }

    /** Natural logarithm by polynomial: log(+0) = -inf, log(x < 0) = NaN, log(+inf) = +inf. */
    static FloatVector logPolynomial(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(8388608f), subnormal);
        FloatVector eBias = FloatVector.broadcast(S, 0f).blend(23f, subnormal);
        IntVector bits = xs.reinterpretAsInts();
        // frexp: xs = m * 2^e with m in [0.5, 1)
        FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126).convert(VectorOperators.I2F, 0)
                .reinterpretAsFloats().sub(eBias);
        FloatVector m = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats();
        VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
        e = e.sub(FloatVector.broadcast(S, 0f).blend(1f, low));
        FloatVector f = m.add(m.blend(0f, low.not())).sub(1f);
        FloatVector z = f.mul(f);
        FloatVector y = f.fma(LOG_P0, LOG_P1);
        y = y.fma(f, FloatVector.broadcast(S, LOG_P2));
        y = y.fma(f, FloatVector.broadcast(S, LOG_P3));
        y = y.fma(f, FloatVector.broadcast(S, LOG_P4));
        y = y.fma(f, FloatVector.broadcast(S, LOG_P5));
        y = y.fma(f, FloatVector.broadcast(S, LOG_P6));
        y = y.fma(f, FloatVector.broadcast(S, LOG_P7));
        y = y.fma(f, FloatVector.broadcast(S, LOG_P8));
        y = y.mul(f).mul(z);
        y = e.fma(FloatVector.broadcast(S, LN2_LO), y);
        y = z.fma(FloatVector.broadcast(S, -0.5f), y);
        FloatVector result = f.add(y);
        result = e.fma(FloatVector.broadcast(S, LN2_HI), result);
        VectorMask<Float> passThrough = x.compare(VectorOperators.NE, x)
                .or(x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        return result.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
                .blend(Float.NaN, x.compare(VectorOperators.LT, 0f))
                .blend(x, passThrough);
    }

    /** Hyperbolic tangent: an odd polynomial for |x| < 0.625, else 1 - 2/(e^(2|x|) + 1); then the sign of x. */
    static FloatVector tanhPolynomial(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(TANH_P0, TANH_P1);
        p = p.fma(z, FloatVector.broadcast(S, TANH_P2));
        p = p.fma(z, FloatVector.broadcast(S, TANH_P3));
        p = p.fma(z, FloatVector.broadcast(S, TANH_P4));
        FloatVector small = p.mul(z).fma(ax, ax);
        FloatVector e = expPolynomial(ax.add(ax));
        FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
        FloatVector magnitude = large.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL));
        // both branches are >= 0 (or NaN): OR in the sign bit of x, which also keeps tanh(-0) = -0
        return magnitude.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }
}
