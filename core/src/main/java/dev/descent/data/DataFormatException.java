package dev.descent.data;

import dev.descent.DescentException;
import dev.descent.PrintableText;

import java.nio.file.Path;

/**
 * Thrown when a data file cannot be loaded: it is missing, empty, malformed, or exceeds a {@link CsvLimits}
 * limit. The message starts with {@code FILE:LINE:COLUMN:} in the style of compilers, so editors and terminals
 * can jump to the spot, and then says what is wrong and what was expected, e.g.
 * {@code train.csv:7:3: column "x2": cell "abc" is not a number}. LINE counts physical lines from 1 (the header
 * is line 1); COLUMN counts comma-separated columns from 1, as a spreadsheet shows them, not characters. Parts
 * that do not apply are left out ({@code train.csv: file not found}, {@code train.csv:1: no column named "y"}).
 * Every failure of {@link CsvReader} is this type. Text quoted from the file is passed through
 * {@link PrintableText#escape}, so the message is one printable line whatever the file holds.
 */
public class DataFormatException extends DescentException {
    private final Path file;
    private final long line;
    private final int column;

    /**
     * @param file   the file at fault
     * @param line   1-based line, or 0 when the problem is not on one line
     * @param column 1-based column, or 0 when the problem is not in one column
     * @param detail what is wrong, without the location prefix
     */
    public DataFormatException(Path file, long line, int column, String detail) {
        this(file, line, column, detail, null);
    }

    /** An error at {@code file}:{@code line}:{@code column} (column 0 when the whole line is at fault). */
    public DataFormatException(Path file, long line, int column, String detail, Throwable cause) {
        super(PrintableText.escape(location(file, line, column) + ": " + detail), cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the problem is not on one line. */
    public long line() {
        return line;
    }

    /** The 1-based column at fault, or 0 when the problem is not in one column. */
    public int column() {
        return column;
    }

    private static String location(Path file, long line, int column) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }
}
