package dev.descent.autograd;

/**
 * Whether tensor operations on this thread record the graph that {@code backward()} needs. On by default;
 * {@link #noGrad()} turns it off for a scope, for inference and for optimizer updates:
 *
 * <pre>{@code
 * try (NoGrad _ = GradMode.noGrad()) {
 *     weight.addInPlace(weight.grad(), -lr);
 * }
 * }</pre>
 *
 * <p>Thread-safety: the mode is per thread (a {@link ThreadLocal} holding a mutable flag), so scopes on
 * different threads are independent. Tensor operations read it only when an operand requires a gradient,
 * so code that never asks for gradients never pays for the lookup.
 */
public final class GradMode {
    /** The per-thread flag; one small object per thread, mutated in place so a scope costs one lookup. */
    static final class State {
        boolean enabled = true;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private GradMode() {
    }

    /** Whether operations on this thread currently record gradients. */
    public static boolean isEnabled() {
        return STATE.get().enabled;
    }

    /** Turns recording off on this thread until the returned scope is closed (scopes nest). */
    public static NoGrad noGrad() {
        return scope(false);
    }

    /** Turns recording on on this thread until the returned scope is closed, even inside a {@link #noGrad()}. */
    public static NoGrad enableGrad() {
        return scope(true);
    }

    private static NoGrad scope(boolean enabled) {
        State state = STATE.get();
        NoGrad scope = new NoGrad(state, state.enabled);
        state.enabled = enabled;
        return scope;
    }
}
