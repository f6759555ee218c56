package dev.descent;

/**
 * The root of every error descent raises on purpose. It is unchecked: a wrong shape or an unknown backend is a
 * programming or configuration error, not a condition a caller is expected to recover from at each call site.
 * Catch this type to handle all of descent's own errors in one place.
 */
public class DescentException extends RuntimeException {
    /** An exception with {@code message}. */
    public DescentException(String message) {
        super(message);
    }

    /** An exception with {@code message} and its {@code cause}. */
    public DescentException(String message, Throwable cause) {
        super(message, cause);
    }
}
