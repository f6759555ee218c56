package dev.descent;

/**
 * Thrown when an axis, row index or class index lies outside its valid range. The message names the
 * operation, the offending value and the valid range, e.g. {@code sum: axis 2 out of range for rank 2 (valid: -2..1)}.
 */
public class IndexOutOfRangeException extends DescentException {
    /** An exception with {@code message}, which names the index and the valid range. */
    public IndexOutOfRangeException(String message) {
        super(message);
    }
}
