package dev.descent;

/**
 * Thrown when automatic differentiation is used in a way that cannot give correct gradients: backward on a
 * tensor that does not require a gradient, backward a second time through a graph an earlier backward already
 * freed, or an in-place change of a tensor that a recorded operation produced. The message names the
 * operation and says how to fix the call.
 */
public class AutogradException extends DescentException {
    /** An exception with {@code message}. */
    public AutogradException(String message) {
        super(message);
    }
}
