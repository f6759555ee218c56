package dev.descent.io;

import dev.descent.InvalidArgumentException;

/**
 * Upper bounds a safetensors reader enforces before it allocates anything, so that a small or hostile file
 * cannot make it exhaust memory, overflow the stack or loop for long. Every size is checked against these
 * limits and against the actual file length before memory is allocated: a 100-byte file that claims a
 * 10 GiB tensor is refused, not allocated.
 *
 * <ul>
 *   <li>{@code maxHeaderBytes}: the JSON header's length (default 100,000,000 bytes, the limit of the
 *       reference implementation);</li>
 *   <li>{@code maxTensors}: the number of tensors (default 65,536);</li>
 *   <li>{@code maxRank}: dimensions per tensor (default 16);</li>
 *   <li>{@code maxTotalBytes}: the tensor data loaded in all (default 4 GiB);</li>
 *   <li>{@code maxMetadataEntries}: entries in {@code __metadata__} (default 65,536).</li>
 * </ul>
 * A single tensor is further limited to {@link Integer#MAX_VALUE} elements (a Java array). Immutable and
 * thread-safe; derive variants with the {@code with...} methods.
 */
public record SafetensorsLimits(long maxHeaderBytes, int maxTensors, int maxRank, long maxTotalBytes,
                                int maxMetadataEntries) {
    /** The limits used when none are given. */
    public static final SafetensorsLimits DEFAULT = new SafetensorsLimits(100_000_000L, 65_536, 16, 4L << 30, 65_536);

    /** JSON nesting the header may have: top object, tensor entry, shape array (plus slack). */
    static final int MAX_JSON_DEPTH = 4;

    /** Checks that every limit is positive and the header limit fits an array. */
    public SafetensorsLimits {
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxTensors", maxTensors);
        positive("maxRank", maxRank);
        positive("maxTotalBytes", maxTotalBytes);
        positive("maxMetadataEntries", maxMetadataEntries);
        if (maxHeaderBytes > Integer.MAX_VALUE - 8) {
            throw new InvalidArgumentException("SafetensorsLimits: maxHeaderBytes " + maxHeaderBytes
                    + " is larger than the largest header Java can hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
    }

    /**
     * The most JSON values a valid header within these limits can hold (each tensor: its entry, dtype, shape,
     * offsets and their numbers; each metadata entry one string), which bounds the parsed header's memory.
     */
    long maxJsonValues() {
        return 16 + (long) maxTensors * (8 + maxRank) + 2L * maxMetadataEntries;
    }

    /** These limits with {@code maxHeaderBytes} replaced. */
    public SafetensorsLimits withMaxHeaderBytes(long value) {
        return new SafetensorsLimits(value, maxTensors, maxRank, maxTotalBytes, maxMetadataEntries);
    }

    /** These limits with {@code maxTensors} replaced. */
    public SafetensorsLimits withMaxTensors(int value) {
        return new SafetensorsLimits(maxHeaderBytes, value, maxRank, maxTotalBytes, maxMetadataEntries);
    }

    /** These limits with {@code maxRank} replaced. */
    public SafetensorsLimits withMaxRank(int value) {
        return new SafetensorsLimits(maxHeaderBytes, maxTensors, value, maxTotalBytes, maxMetadataEntries);
    }

    /** These limits with {@code maxTotalBytes} replaced. */
    public SafetensorsLimits withMaxTotalBytes(long value) {
        return new SafetensorsLimits(maxHeaderBytes, maxTensors, maxRank, value, maxMetadataEntries);
    }

    /** These limits with {@code maxMetadataEntries} replaced. */
    public SafetensorsLimits withMaxMetadataEntries(int value) {
        return new SafetensorsLimits(maxHeaderBytes, maxTensors, maxRank, maxTotalBytes, value);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new InvalidArgumentException("SafetensorsLimits: " + name + " must be positive, got " + value);
        }
    }
}
