package dev.descent.spi;

/**
 * The service a backend module registers for {@link java.util.ServiceLoader}, both with {@code provides} in its
 * {@code module-info.java} and in {@code META-INF/services/dev.descent.spi.BackendProvider}.
 *
 * <p>A provider must be cheap and safe to instantiate: its constructor and {@link #probe()} may not load native
 * code or link optional classes in a way that throws at class-load time. {@link #create()} does the real work
 * and is called at most once per JVM by {@link dev.descent.Backends}.
 */
public interface BackendProvider {
    /** The name users select the backend with, lower case, e.g. {@code scalar}, {@code vector}. */
    String name();

    /** Higher wins in automatic selection among available providers. scalar is 0. */
    int priority();

    /** Whether this backend can run in this JVM, and why or why not. Never throws. */
    Availability probe();

    /** A short description of the device the backend computes on, e.g. {@code cpu, 1 thread}. */
    String device();

    /** Creates the backend. Only called after {@link #probe()} reported it available. */
    Backend create();
}
