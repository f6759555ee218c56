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
 * Immutable and thread-safe; derive variants with the {@code with...} methods.
 */
public record CsvLimits(int maxLineChars, int maxColumns, long maxRows, long maxCells) {
    /** The limits used when none are given. */
    public static final CsvLimits DEFAULT = new CsvLimits(1 << 20, 65_536, 100_000_000L, 1L << 28);

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

    public CsvLimits withMaxLineChars(int value) {
        return new CsvLimits(value, maxColumns, maxRows, maxCells);
    }

    public CsvLimits withMaxColumns(int value) {
        return new CsvLimits(maxLineChars, value, maxRows, maxCells);
    }

    public CsvLimits withMaxRows(long value) {
        return new CsvLimits(maxLineChars, maxColumns, value, maxCells);
    }

    public CsvLimits withMaxCells(long value) {
        return new CsvLimits(maxLineChars, maxColumns, maxRows, value);
    }
}
