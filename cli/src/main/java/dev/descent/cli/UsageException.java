package dev.descent.cli;

/**
 * A command-line value that no run could use (a non-positive learning rate, an option that does not apply to the
 * chosen optimizer). Reported as one line naming the option, with exit code 2 like picocli's own parse errors.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
