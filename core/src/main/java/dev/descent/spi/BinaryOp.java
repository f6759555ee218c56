package dev.descent.spi;

/**
 * Elementwise functions of two tensors, applied after NumPy broadcasting. Comparison ops yield 1.0 for true and
 * 0.0 for false; a comparison involving NaN is false except {@link #NE}. {@link #MAXIMUM} and {@link #MINIMUM}
 * propagate NaN, as {@code torch.maximum} does.
 */
public enum BinaryOp {
    /** {@code x + y} */
    ADD,
    /** {@code x - y} */
    SUB,
    /** {@code x * y} */
    MUL,
    /** {@code x / y} */
    DIV,
    /** {@code x^y} as {@link Math#pow} defines it */
    POW,
    /** {@code max(x, y)}, NaN if either is NaN */
    MAXIMUM,
    /** {@code min(x, y)}, NaN if either is NaN */
    MINIMUM,
    /** {@code x == y} */
    EQ,
    /** {@code x != y} */
    NE,
    /** {@code x < y} */
    LT,
    /** {@code x <= y} */
    LE,
    /** {@code x > y} */
    GT,
    /** {@code x >= y} */
    GE
}
