package dev.descent.spi;

/**
 * Elementwise functions of one tensor, some with up to two scalar parameters {@code a} and {@code b}.
 * Each constant documents its exact formula; backends must follow it (the conformance suite checks against a
 * float64 evaluation of the same formula). Comparison ops yield 1.0 for true and 0.0 for false; a comparison
 * with NaN is false except {@link #NE}.
 */
public enum UnaryOp {
    /** {@code -x} */
    NEG,
    /** {@code |x|} */
    ABS,
    /** {@code signum(x)}: -1, 0 or 1 (0 keeps its sign; NaN stays NaN). */
    SIGN,
    /** {@code e^x} */
    EXP,
    /** natural logarithm; {@code log(0) = -inf}, {@code log(x<0) = NaN} */
    LOG,
    /** {@code sqrt(x)} */
    SQRT,
    /** {@code x * x} */
    SQUARE,
    /** {@code 1 / x} */
    RECIPROCAL,
    /** hyperbolic tangent */
    TANH,
    /** {@code 1 / (1 + e^-x)}, evaluated without overflow for large |x| */
    SIGMOID,
    /** {@code max(x, 0)}; NaN stays NaN */
    RELU,
    /** {@code x > 0 ? x : a * x} */
    LEAKY_RELU,
    /** {@code x^a} as {@link Math#pow} defines it */
    POW,
    /** {@code min(max(x, a), b)}; NaN stays NaN */
    CLAMP,
    /** {@code x + a} */
    ADD,
    /** {@code a - x} */
    SUBTRACT_FROM,
    /** {@code x * a} */
    MULTIPLY,
    /** {@code x / a} */
    DIVIDE,
    /** {@code a / x} */
    DIVIDE_INTO,
    /** {@code a * x + b} */
    AFFINE,
    /** {@code x == a} */
    EQ,
    /** {@code x != a} */
    NE,
    /** {@code x < a} */
    LT,
    /** {@code x <= a} */
    LE,
    /** {@code x > a} */
    GT,
    /** {@code x >= a} */
    GE
}
