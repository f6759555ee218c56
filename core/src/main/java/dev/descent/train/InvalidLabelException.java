package dev.descent.train;

import dev.descent.InvalidArgumentException;

/**
 * A target value that the objective cannot train on: a binary label other than 0 or 1, a class index that is
 * negative, not an integer, or too large. {@link #row()} says which data row (0-based, in data order), so a
 * caller that read the data from a file can point at the file's line and column
 * ({@code dev.descent.data.CsvReader#positionOf}).
 */
public class InvalidLabelException extends InvalidArgumentException {
    private final int row;
    private final float value;
    private final String detail;

    /**
     * @param message the whole message (source, row, column, value, what was expected)
     * @param row     the 0-based data row
     * @param value   the label found
     * @param detail  the message without its source and row prefix: "column 'y': label 1.5 is not ..."
     */
    public InvalidLabelException(String message, int row, float value, String detail) {
        super(message);
        this.row = row;
        this.value = value;
        this.detail = detail;
    }

    /** The 0-based data row of the bad label. */
    public int row() {
        return row;
    }

    /** The bad label. */
    public float value() {
        return value;
    }

    /** What is wrong, without the source and row: for a message that names the position another way. */
    public String detail() {
        return detail;
    }
}
