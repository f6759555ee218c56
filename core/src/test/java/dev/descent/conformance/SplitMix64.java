package dev.descent.conformance;

/**
 * Inverts {@link dev.descent.tensor.SeededRandom}'s SplitMix64 output function, so a test can place the generator
 * exactly where it returns a chosen value (e.g. the largest possible draw) instead of searching for a seed.
 * Stateless and thread-safe.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** The state from which {@code SeededRandom.nextLong()} returns {@code output}. */
    public static long stateBefore(long output) {
        long z = unxorshift(output, 31);
        z *= inverse(0x94D049BB133111EBL);
        z = unxorshift(z, 27);
        z *= inverse(0xBF58476D1CE4E5B9L);
        z = unxorshift(z, 30);
        return z - GOLDEN_GAMMA;
    }

    private static long unxorshift(long y, int shift) {
        long x = y;
        for (int i = 0; i < 64 / shift + 1; i++) {
            x = y ^ (x >>> shift);
        }
        return x;
    }

    /** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits). */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }
}
