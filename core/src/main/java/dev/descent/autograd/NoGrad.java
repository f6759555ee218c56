package dev.descent.autograd;

/**
 * A scope, opened by {@link GradMode#noGrad()} (or {@link GradMode#enableGrad()}), that restores the previous
 * grad mode of its thread when closed. Use it with try-with-resources. Closing twice is harmless.
 *
 * <p>Thread-safety: close it on the thread that opened it; it changes that thread's mode only.
 */
public final class NoGrad implements AutoCloseable {
    private final GradMode.State state;
    private final boolean previous;
    private boolean closed;

    NoGrad(GradMode.State state, boolean previous) {
        this.state = state;
        this.previous = previous;
    }

    /** Restores the grad mode that was in force when this scope was opened. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            state.enabled = previous;
        }
    }
}
