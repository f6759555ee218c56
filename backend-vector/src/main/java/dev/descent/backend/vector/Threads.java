package dev.descent.backend.vector;

/**
 * The backend's thread count: {@code -Ddescent.threads=N} (N >= 1), else {@link Runtime#availableProcessors()}.
 * Free of Vector API types so that {@link VectorBackendProvider} may use it before the incubator module is known
 * to be present.
 */
final class Threads {
    /** System property that sets the number of threads the vector backend computes on (caller included). */
    static final String PROPERTY = "descent.threads";

    private Threads() {
    }

    /**
     * The configured thread count.
     *
     * @throws IllegalArgumentException naming the property and the valid range when it is not a positive integer
     */
    static int configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 4096) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value
                    + ": expected a whole number of threads from 1 to 4096");
        }
        return n;
    }
}
