package dev.descent.io;

import dev.descent.DescentException;
import dev.descent.PrintableText;

/**
 * Thrown when a model or checkpoint file cannot be read: it is missing or unreadable, or it is not a valid
 * safetensors file that descent can load (truncated, header too large, malformed JSON header, unsupported dtype,
 * shape and data size that disagree, data offsets outside the file or overlapping, a limit of
 * {@link SafetensorsLimits} exceeded), or its metadata lacks a value descent needs.
 *
 * <p>The message starts with the file (or the source name given for in-memory bytes) and, where it applies,
 * the byte offset or the header entry at fault, e.g.
 * {@code model.safetensors: tensor "weight": data_offsets [0, 16] end beyond the data area of 12 bytes}.
 * Every failure of {@link Safetensors#read} and {@link Checkpoint#read} is this type: no other exception type
 * escapes the readers. Text quoted from the file is passed through {@link PrintableText#escape}, so the
 * message is one printable line whatever the file holds.
 */
public class ModelFormatException extends DescentException {
    /** An exception with {@code message}, which names the file and the entry at fault. */
    public ModelFormatException(String message) {
        super(PrintableText.escape(message));
    }

    /** An exception with {@code message} and its {@code cause}. */
    public ModelFormatException(String message, Throwable cause) {
        super(PrintableText.escape(message), cause);
    }
}
