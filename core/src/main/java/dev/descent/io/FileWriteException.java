package dev.descent.io;

import dev.descent.DescentException;

/**
 * Thrown when an output file cannot be written (no permission, disk full, missing directory). The message names
 * the file and the operating system's reason. Writes go through {@link AtomicFiles}, so when this is thrown the
 * previous file at that path, if there was one, is unchanged and no partial output is left behind.
 */
public class FileWriteException extends DescentException {
    /** An exception with {@code message}, which names the file, and its {@code cause} (may be null). */
    public FileWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
