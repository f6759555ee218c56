package dev.descent;

/**
 * Thrown when an argument other than a shape or an index is invalid: a negative size, a NaN learning rate,
 * a probability outside [0, 1]. The message names the parameter, the value given and the valid range.
 */
public class InvalidArgumentException extends DescentException {
    /** An exception with {@code message}, which names the argument and its valid range. */
    public InvalidArgumentException(String message) {
        super(message);
    }
}
