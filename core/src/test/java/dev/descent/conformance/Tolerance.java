package dev.descent.conformance;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.UnaryOp;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * How far a backend's float32 result may lie from the float64 {@link Reference}, per operation. These bounds
 * are the numeric contract of the {@link dev.descent.spi.Backend} SPI; the suite applies them to every
 * backend alike. {@code u = 2^-24} is the float32 unit roundoff and {@code ulp(r)} the spacing of float32
 * values at {@code r} rounded to float.
 *
 * <h2>Rules common to every tolerance</h2>
 * A NaN reference demands NaN (any payload). A reference that is infinite after rounding to float demands
 * exactly that infinity. Otherwise the result must be finite and within the bound.
 *
 * <h2>The bounds</h2>
 * <ul>
 *   <li>{@link #EXACT} (0 ulp, sign of zero included): neg, abs, sign, square, reciprocal, leakyRelu, the
 *       scalar ops add/subtractFrom/multiply/divide/divideInto, the binary ops add/sub/mul/div, all
 *       comparisons, copies, fills, gathers, transposes, uploads. IEEE 754 single precision +, -, *, / are
 *       correctly rounded, so any conforming kernel gives the bits of the rounded float64 result.</li>
 *   <li>{@link #EXACT_ANY_ZERO}: relu, clamp, maximum, minimum, reduction max/min. Exact, except that a zero
 *       result may have either sign when the operands are zeros of opposite signs ({@code Math.max(-0f, 0f)}
 *       gives +0, a compare-and-select kernel gives -0; neither is wrong for training).</li>
 *   <li>Transcendentals, {@link #ulps}: at most {@code k·ulp(r)}, or an absolute floor near zero where a
 *       vectorised polynomial loses relative accuracy. sqrt 3 ulps (IEEE sqrt is correctly rounded, but
 *       OpenCL allows 3 ulps for a GPU's sqrt), exp 4 ulps, log 4 ulps or 1e-7 absolute (log near 1 has a result
 *       near 0), tanh 8 ulps or 2e-7 absolute (the {@code (e^2x - 1)/(e^2x + 1)} form cancels near 0),
 *       sigmoid 8 ulps or 1e-7 absolute, pow 16 ulps (the error of {@code exp(a·log x)} grows with
 *       {@code |a·log x|}, bounded by ~10 on the suite's inputs). These are what a good float32 polynomial
 *       implementation (Cephes/SLEEF style, 1-3 ulps each) meets with room to spare, while a wrong range
 *       reduction or a dropped term misses by orders of magnitude.</li>
 *   <li>Accumulations, {@link #accumulated}: sum, mean, dot, every GEMM output, axpy and affine, each
 *       element a sum of {@code n} terms: {@code |got - r| <= 2u·(sqrt(n) + 1)·Σ|terms| + 2u·|r|}.
 *       Plain left-to-right float summation has a worst-case error of {@code (n-1)·u·Σ|terms|} but a typical
 *       one near {@code u·sqrt(n/3)·Σ|terms|} (rounding errors behave like a random walk), so the bound holds
 *       for sequential, blocked, pairwise, multi-accumulator and tree reductions on the suite's seeded inputs,
 *       and is still tight enough to fail a kernel that drops or repeats a single element: for 1025 uniform
 *       terms in [-1, 1) it allows about 2e-3 while one term changes the sum by ~0.5.</li>
 *   <li>softmax, {@link #softmax}: relative {@code u·(2·sqrt(n) + 12 + |x - max|)}; logSoftmax absolute
 *       {@code 2u·(sqrt(n) + 1) + 8u·(|x - max| + |log Σ| + 1)}: the exp and log bounds above, the sum bound
 *       (all terms positive), plus the rounding of {@code x - max}. A -inf logit gives exactly 0 (softmax) and
 *       -inf (logSoftmax).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class Tolerance {
    /** The float32 unit roundoff, {@code 2^-24}. */
    public static final double U = 0x1p-24;

    /** Bit-exact, including the sign of zero. */
    public static final Tolerance EXACT = new Tolerance("exact (0 ulp)", true, true, (i, r) -> 0);
    /** Exact in value; a zero may have either sign. */
    public static final Tolerance EXACT_ANY_ZERO = new Tolerance("exact (0 ulp, either sign of zero)", true, false,
            (i, r) -> 0);

    /** An error bound per element, given the element's index and its float64 reference value. */
    @FunctionalInterface
    public interface Bound {
        double at(int index, double reference);
    }

    private final String description;
    private final boolean exact;
    private final boolean zeroSign;
    private final Bound bound;

    private Tolerance(String description, boolean exact, boolean zeroSign, Bound bound) {
        this.description = description;
        this.exact = exact;
        this.zeroSign = zeroSign;
        this.bound = bound;
    }

    /** {@code max(k·ulp(r), floor)}. */
    public static Tolerance ulps(double k, double floor) {
        String text = String.format(Locale.ROOT, "%s ulps", k) + (floor > 0 ? " or " + floor + " absolute" : "");
        return new Tolerance(text, false, false, (i, r) -> Math.max(k * ulp(r), floor));
    }

    /**
     * {@code 2u·(sqrt(n) + 1)·sumAbs[i] + 2u·|r|} for an element that sums {@code n} terms whose absolute
     * values add up to {@code sumAbs[i]}.
     */
    public static Tolerance accumulated(int n, double[] sumAbs) {
        double factor = 2 * U * (Math.sqrt(n) + 1);
        return new Tolerance("accumulated: 2u(sqrt(" + n + ")+1)·Σ|terms| + 2u|ref|", false, false,
                (i, r) -> factor * sumAbs[i] + 2 * U * Math.abs(r));
    }

    /** The softmax bound for a softmax axis of {@code n}; see the class documentation. */
    public static Tolerance softmax(int n, Reference.Softmax ref, boolean log) {
        double sqrt = Math.sqrt(n);
        if (log) {
            return new Tolerance("logSoftmax: 2u(sqrt(n)+1) + 8u(|x-max| + |log sum| + 1)", false, false,
                    (i, r) -> 2 * U * (sqrt + 1) + 8 * U * (ref.shifted()[i] + ref.logSum()[i] + 1));
        }
        return new Tolerance("softmax: u(2 sqrt(n) + 12 + |x-max|)·|ref|", false, false,
                (i, r) -> Double.isInfinite(ref.shifted()[i]) ? 0
                        : U * (2 * sqrt + 12 + ref.shifted()[i]) * Math.abs(r) + Float.MIN_VALUE);
    }

    /** The tolerance of a unary op, for elements whose inputs are {@code x} (affine needs them). */
    public static Tolerance of(UnaryOp op, float[] x, float a, float b) {
        return switch (op) {
            case NEG, ABS, SIGN, SQUARE, RECIPROCAL, LEAKY_RELU, ADD, SUBTRACT_FROM, MULTIPLY, DIVIDE, DIVIDE_INTO,
                 EQ, NE, LT, LE, GT, GE -> EXACT;
            case RELU, CLAMP -> EXACT_ANY_ZERO;
            case SQRT -> ulps(3, 0);
            case EXP -> ulps(4, 0);
            case LOG -> ulps(4, 1e-7);
            case TANH -> ulps(8, 2e-7);
            case SIGMOID -> ulps(8, 1e-7);
            case POW -> ulps(16, 0);
            case AFFINE -> {
                double[] terms = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    terms[i] = Math.abs((double) a * x[i]) + Math.abs(b);
                }
                yield accumulated(2, terms);
            }
        };
    }

    /** The tolerance of a binary op. */
    public static Tolerance of(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, EQ, NE, LT, LE, GT, GE -> EXACT;
            case MAXIMUM, MINIMUM -> EXACT_ANY_ZERO;
            case POW -> ulps(16, 0);
        };
    }

    /** The float32 ulp at {@code r} rounded to float (the smallest subnormal at 0). */
    public static double ulp(double r) {
        float f = (float) r;
        return Float.isInfinite(f) ? Math.ulp(Float.MAX_VALUE) : Math.ulp(f);
    }

    /** This tolerance's rule in words, as failure messages show it. */
    public String description() {
        return description;
    }

    /** Null when {@code got} is acceptable for {@code reference} at {@code index}, else the reason. */
    public String violation(int index, double reference, float got) {
        float rounded = (float) reference;
        if (Double.isNaN(reference)) {
            return Float.isNaN(got) ? null : "expected NaN";
        }
        if (Float.isNaN(got)) {
            return "got NaN";
        }
        if (Float.isInfinite(rounded)) {
            return got == rounded ? null : "expected " + rounded;
        }
        if (exact) {
            boolean same = zeroSign ? Float.floatToIntBits(got) == Float.floatToIntBits(rounded) : got == rounded;
            return same ? null : "not exact" + (got == rounded ? " (sign of zero differs)" : "");
        }
        if (Float.isInfinite(got)) {
            return "got an infinity for a finite result";
        }
        double error = Math.abs(got - reference);
        double limit = bound.at(index, reference);
        return error <= limit ? null : String.format(Locale.ROOT, "error %.3e exceeds bound %.3e", error, limit);
    }

    /**
     * Fails with a message naming {@code what}, the first offending element, its input (from {@code input})
     * and this tolerance's rule, unless every element of {@code got} is within tolerance of {@code expected}.
     */
    public void check(String what, double[] expected, float[] got, IntFunction<String> input) {
        if (expected.length != got.length) {
            throw new AssertionError(what + ": expected " + expected.length + " values, got " + got.length);
        }
        int bad = 0;
        int first = -1;
        String reason = null;
        for (int i = 0; i < got.length; i++) {
            String v = violation(i, expected[i], got[i]);
            if (v != null) {
                if (first < 0) {
                    first = i;
                    reason = v;
                }
                bad++;
            }
        }
        if (first >= 0) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s: %d of %d elements out of tolerance [%s]; first at index %d%s: got %s, expected %s "
                            + "(float64 reference %s): %s",
                    what, bad, got.length, description, first, input == null ? "" : " (" + input.apply(first) + ")",
                    show(got[first]), show((float) expected[first]), expected[first], reason));
        }
    }

    /** {@link #check(String, double[], float[], IntFunction)} without input descriptions. */
    public void check(String what, double[] expected, float[] got) {
        check(what, expected, got, null);
    }

    private static String show(float v) {
        return v == 0 && 1 / v < 0 ? "-0.0" : Float.toString(v) + (Float.isFinite(v) && v != 0
                ? " [0x" + Integer.toHexString(Float.floatToRawIntBits(v)) + "]" : "");
    }

    @Override
    public String toString() {
        return description;
    }
}
