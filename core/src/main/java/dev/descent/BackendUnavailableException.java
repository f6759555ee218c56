package dev.descent;

/**
 * Thrown when a backend that was asked for by name is unknown or cannot run here, or when no backend at all
 * is available. The message always carries the full provider table (name, availability, reason) so that the
 * fix is visible without further digging. Descent never falls back silently from an explicit choice.
 */
public class BackendUnavailableException extends DescentException {
    /** An exception with {@code message}. */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /** An exception with {@code message} and its {@code cause}. */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
