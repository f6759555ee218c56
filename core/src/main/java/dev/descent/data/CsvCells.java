package dev.descent.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into cells and parses numeric cells. Cells are separated by commas; a cell may be quoted
 * ({@code "a,b"}, with {@code ""} for a quote inside) as RFC 4180 allows, but a quoted cell cannot span lines.
 * Spaces and tabs around a cell are ignored. Numbers use the decimal grammar
 * {@code [+-]digits[.digits][(e|E)[+-]digits]} (digits may be omitted on one side of the point, as in
 * {@code .5} or {@code 1.}); Java-only forms such as {@code 0x1p3}, {@code 1f} or {@code 1d} are not numbers
 * here. Stateless.
 */
final class CsvCells {
    private CsvCells() {
    }

    /**
     * The cells of {@code line}, at most {@code maxCells + 1} (the caller detects "too many" from the size
     * without this splitting an arbitrarily long row in full).
     */
    static List<String> split(String line, Path file, long lineNumber, int maxCells) {
        List<String> cells = new ArrayList<>();
        int pos = 0;
        int n = line.length();
        while (true) {
            int column = cells.size() + 1;
            while (pos < n && isBlank(line.charAt(pos))) {
                pos++;
            }
            String cell;
            if (pos < n && line.charAt(pos) == '"') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (true) {
                    if (pos >= n) {
                        throw new DataFormatException(file, lineNumber, column, "quoted cell is not closed before"
                                + " the end of the line (quoted cells cannot span lines)");
                    }
                    char c = line.charAt(pos++);
                    if (c == '"') {
                        if (pos < n && line.charAt(pos) == '"') {
                            sb.append('"');
                            pos++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                while (pos < n && isBlank(line.charAt(pos))) {
                    pos++;
                }
                if (pos < n && line.charAt(pos) != ',') {
                    throw new DataFormatException(file, lineNumber, column, "unexpected text after the closing"
                            + " quote of a quoted cell");
                }
                cell = sb.toString();
            } else {
                int start = pos;
                while (pos < n && line.charAt(pos) != ',') {
                    pos++;
                }
                int stop = pos;
                while (stop > start && isBlank(line.charAt(stop - 1))) {
                    stop--;
                }
                cell = line.substring(start, stop);
            }
            cells.add(cell);
            if (pos >= n || cells.size() > maxCells) {
                return cells;
            }
            pos++; // the comma
        }
    }

    /** Whether {@code line} holds nothing but spaces and tabs (such lines are skipped, as pandas does). */
    static boolean isBlankLine(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!isBlank(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The float value of {@code cell}, or an error naming the cell's place and what is wrong with it:
     * empty, not a number, NaN or infinite, or beyond the float32 range.
     */
    static float parse(String cell, Path file, long lineNumber, int column, String columnName) {
        String where = "column \"" + columnName + "\": ";
        if (cell.isEmpty()) {
            throw new DataFormatException(file, lineNumber, column, where + "cell is empty; every cell must hold"
                    + " a number (fill or drop missing values first)");
        }
        if (!isDecimal(cell)) {
            String word = cell.startsWith("+") || cell.startsWith("-") ? cell.substring(1) : cell;
            if (word.equalsIgnoreCase("nan") || word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
                throw new DataFormatException(file, lineNumber, column, where + "cell \"" + cell + "\" is NaN or"
                        + " infinite; only finite numbers can be trained on");
            }
            throw new DataFormatException(file, lineNumber, column, where + "cell \"" + abbreviate(cell)
                    + "\" is not a number");
        }
        float value = Float.parseFloat(cell);
        if (Float.isInfinite(value)) {
            throw new DataFormatException(file, lineNumber, column, where + "cell \"" + abbreviate(cell)
                    + "\" is outside the float32 range (magnitude above " + Float.MAX_VALUE + ")");
        }
        return value;
    }

    static String abbreviate(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 37) + "...";
    }

    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
