package dev.descent.data;

import dev.descent.InvalidArgumentException;

/**
 * Upper bounds the CSV reader enforces while it streams a file, so that a hostile or mistaken input (a million
 * columns, a 2 GiB line, a binary file) is refused with a clear {@link DataFormatException} instead of
 * exhausting memory:
 * <ul>
 *   <li>{@code maxLineChars}: characters in one line, checked while the line is read, so the reader never
 *       holds more than this much of a line (default 1,048,576);</li>
 *   <li>{@code maxColumns}: columns in the header (default 65,536);</li>
 *   <li>{@code maxRows}: data rows (default 100,000,000);</li>
 *   <li>{@code maxCells}: loaded values, rows times selected columns plus the targets (default 268,435,456,
 *       i.e. 1 GiB of float32).</li>
 * </ul>
 * Configure them in code ({@code new CsvReader(CsvLimits.DEFAULT.withMaxLineChars(1 << 24))}) or, for a program
 * that reads {@link #fromSystemProperties()} (the {@code descent} command does), with the system properties
 * {@value #PROPERTY_PREFIX}{@code maxLineChars}, {@code maxColumns}, {@code maxRows} and {@code maxCells}
 * ({@code -Ddescent.csv.maxColumns=1000000}). A limit only refuses input; raising one lets the reader hold that
 * much more, so a service reading untrusted files should keep them small.
 *
 * <p>Immutable and thread-safe; derive variants with the {@code with...} methods.
 */
public record CsvLimits(int maxLineChars, int maxColumns, long maxRows, long maxCells) {
    /** The limits used when none are given. */
    public static final CsvLimits DEFAULT = new CsvLimits(1 << 20, 65_536, 100_000_000L, 1L << 28);

    /** Prefix of the system properties {@link #fromSystemProperties()} reads. */
    public static final String PROPERTY_PREFIX = "descent.csv.";

    /** Checks that every limit is positive. */
    public CsvLimits {
        if (maxLineChars <= 0 || maxColumns <= 0 || maxRows <= 0 || maxCells <= 0) {
            throw new InvalidArgumentException("CsvLimits: every limit must be positive, got maxLineChars="
                    + maxLineChars + ", maxColumns=" + maxColumns + ", maxRows=" + maxRows + ", maxCells=" + maxCells);
        }
        if (maxCells > Integer.MAX_VALUE - 8) {
            throw new InvalidArgumentException("CsvLimits: maxCells " + maxCells + " exceeds the largest Java array ("
                    + (Integer.MAX_VALUE - 8) + ")");
        }
    }

    /**
     * The {@link #DEFAULT} limits, each replaced by its system property when set
     * ({@code descent.csv.maxLineChars}, {@code descent.csv.maxColumns}, {@code descent.csv.maxRows},
     * {@code descent.csv.maxCells}).
     *
     * @throws InvalidArgumentException naming the property if a value is not a positive integer in range
     */
    public static CsvLimits fromSystemProperties() {
        return from(System::getProperty);
    }

    /** {@link #fromSystemProperties()} over any lookup of property names (tests pass a map). */
    static CsvLimits from(java.util.function.UnaryOperator<String> lookup) {
        return new CsvLimits(
                (int) property(lookup, "maxLineChars", DEFAULT.maxLineChars, Integer.MAX_VALUE),
                (int) property(lookup, "maxColumns", DEFAULT.maxColumns, Integer.MAX_VALUE),
                property(lookup, "maxRows", DEFAULT.maxRows, Long.MAX_VALUE),
                property(lookup, "maxCells", DEFAULT.maxCells, Integer.MAX_VALUE - 8));
    }

    private static long property(java.util.function.UnaryOperator<String> lookup, String name, long fallback,
                                 long max) {
        String value = lookup.apply(PROPERTY_PREFIX + name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 1 || parsed > max) {
            throw new InvalidArgumentException("-D" + PROPERTY_PREFIX + name + "=" + value
                    + ": expected a whole number from 1 to " + max);
        }
        return parsed;
    }

    /** These limits with {@code maxLineChars} replaced. */
    public CsvLimits withMaxLineChars(int value) {
        return new CsvLimits(value, maxColumns, maxRows, maxCells);
    }

    /** These limits with {@code maxColumns} replaced. */
    public CsvLimits withMaxColumns(int value) {
        return new CsvLimits(maxLineChars, value, maxRows, maxCells);
    }

    /** These limits with {@code maxRows} replaced. */
    public CsvLimits withMaxRows(long value) {
        return new CsvLimits(maxLineChars, maxColumns, value, maxCells);
    }

    /** These limits with {@code maxCells} replaced. */
    public CsvLimits withMaxCells(long value) {
        return new CsvLimits(maxLineChars, maxColumns, maxRows, value);
    }
}
