package dev.descent.spi;

import java.util.Objects;

/**
 * The outcome of probing a backend: whether it can run in this JVM, and a reason a person can act on.
 * For an available backend the reason says what it will use (e.g. "256-bit vectors, 2 threads"); for an
 * unavailable one it says what is missing and how to fix it (e.g. "start the JVM with
 * --add-modules jdk.incubator.vector").
 *
 * @param available whether {@link BackendProvider#create()} is expected to succeed
 * @param reason    a one-line explanation, never null or blank
 */
public record Availability(boolean available, String reason) {
    /** Checks that the reason is given. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /** An available backend, with what it runs on. */
    public static Availability available(String reason) {
        return new Availability(true, reason);
    }

    /** An unavailable backend, with why and how to enable it. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
