package dev.descent;

/**
 * Thrown when one operation is given tensors that belong to different backends (or to different instances of
 * one backend). Tensors never move between backends implicitly: the message names both backends, and
 * {@code Tensor.to(backend)} copies a tensor across explicitly.
 */
public class BackendMismatchException extends DescentException {
    /** An exception with {@code message}, which names both backends. */
    public BackendMismatchException(String message) {
        super(message);
    }
}
