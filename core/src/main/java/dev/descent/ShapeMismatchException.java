package dev.descent;

/**
 * Thrown when the shapes of an operation's operands do not fit together, or a shape itself is invalid.
 * The message names the operation, every shape involved and the offending dimension, e.g.
 * {@code matmul: [32, 64] x [32, 10]: inner dimensions 64 and 32 differ}.
 */
public class ShapeMismatchException extends DescentException {
    /** An exception with {@code message}, which names the operation and the shapes. */
    public ShapeMismatchException(String message) {
        super(message);
    }
}
