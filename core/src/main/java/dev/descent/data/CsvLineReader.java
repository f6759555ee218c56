package dev.descent.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Splits a character stream into lines ({@code \n}, {@code \r\n} or {@code \r}) without ever holding more than
 * {@code maxLineChars} characters of one line: a longer line is refused as soon as the limit is passed, so a
 * 2 GiB line costs a bounded buffer, not 4 GiB of heap. Drops a byte-order mark at the start of the file.
 * Counts lines from 1. Not thread-safe.
 */
final class CsvLineReader {
    private final Reader in;
    private final Path file;
    private final int maxLineChars;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int end;
    private long lineNumber;
    private boolean atStart = true;
    private boolean eof;

    CsvLineReader(Reader in, Path file, int maxLineChars) {
        this.in = in;
        this.file = file;
        this.maxLineChars = maxLineChars;
    }

    /** The number of the line last returned (1-based), or of the line being read when an error occurs. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or {@code null} at the end of the stream. */
    String next() throws IOException {
        if (eof) {
            return null;
        }
        line.setLength(0);
        lineNumber++;
        while (true) {
            if (pos == end && !refill()) {
                eof = true;
                // A final line without terminator is a line; the empty remainder after a final newline is not.
                return line.isEmpty() ? null : line.toString();
            }
            if (atStart) {
                atStart = false;
                if (buffer[pos] == '\uFEFF') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < end && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (line.length() + (pos - start) > maxLineChars) {
                throw new DataFormatException(file, lineNumber, 0, "line is longer than " + maxLineChars
                        + " characters (CsvLimits.maxLineChars); is this a CSV file?");
            }
            line.append(buffer, start, pos - start);
            if (pos < end) {
                char terminator = buffer[pos++];
                if (terminator == '\r') {
                    if (pos == end) {
                        refill();
                    }
                    if (pos < end && buffer[pos] == '\n') {
                        pos++;
                    }
                }
                return line.toString();
            }
        }
    }

    private boolean refill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            pos = end = 0;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
