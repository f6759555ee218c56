package dev.descent.data;

import dev.descent.InvalidArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads numeric CSV files into {@link Dataset}s: a header row of column names, then one sample per line, cells
 * separated by commas (UTF-8; {@code \n}, {@code \r\n} or {@code \r} line ends; an optional byte-order mark;
 * quoted cells as in RFC 4180 but on one line; blank lines skipped). Every cell of a column that is loaded must
 * be a finite decimal number; columns that are not loaded (an id column at prediction time) are only counted.
 *
 * <p>Every problem is a {@link DataFormatException} whose message starts with {@code FILE:LINE:COLUMN}: a missing
 * or unreadable file, an empty file, a header without data rows, empty or repeated column names, a missing
 * target or feature column (the message lists the columns available), a row with too few or too many cells, an
 * empty, non-numeric, NaN/infinite or out-of-range cell, text that is not UTF-8, or a {@link CsvLimits} limit
 * exceeded. The file is streamed: no line longer than {@link CsvLimits#maxLineChars()} is ever held in memory,
 * and the loaded values never exceed {@link CsvLimits#maxCells()}.
 *
 * <p>Thread-safety: immutable; one reader may read several files concurrently.
 */
public final class CsvReader {
    private final CsvLimits limits;

    /** A reader with the {@link CsvLimits#DEFAULT default limits}. */
    public CsvReader() {
        this(CsvLimits.DEFAULT);
    }

    /** A reader that enforces {@code limits}. */
    public CsvReader(CsvLimits limits) {
        this.limits = limits;
    }

    /** The limits this reader enforces. */
    public CsvLimits limits() {
        return limits;
    }

    /** Reads training data: {@code targetColumn} is the target, every other column (in file order) a feature. */
    public Dataset read(Path file, String targetColumn) {
        return read(file, targetColumn, null);
    }

    /**
     * Reads {@code targetColumn} and exactly the {@code featureColumns}, in that order (other columns are
     * ignored), e.g. to evaluate a saved model on a labelled file whose columns are arranged differently.
     */
    public Dataset read(Path file, String targetColumn, List<String> featureColumns) {
        if (targetColumn == null) {
            throw new InvalidArgumentException("CsvReader.read: targetColumn is null (use readFeatures to read"
                    + " without targets)");
        }
        return load(file, targetColumn, featureColumns);
    }

    /**
     * Reads only {@code featureColumns}, in that order, for prediction: the target column may be absent, other
     * columns are ignored.
     */
    public Dataset readFeatures(Path file, List<String> featureColumns) {
        if (featureColumns == null) {
            throw new InvalidArgumentException("CsvReader.readFeatures: featureColumns is null");
        }
        return load(file, null, featureColumns);
    }

    private Dataset load(Path file, String targetColumn, List<String> featureColumns) {
        if (featureColumns != null) {
            if (new HashSet<>(featureColumns).size() != featureColumns.size()) {
                throw new InvalidArgumentException("CsvReader: feature columns " + featureColumns
                        + " name a column twice");
            }
            if (targetColumn != null && featureColumns.contains(targetColumn)) {
                throw new InvalidArgumentException("CsvReader: target column \"" + targetColumn
                        + "\" is also listed as a feature column");
            }
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, 0, 0, "is a directory, not a CSV file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file, targetColumn, featureColumns);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, 0, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new DataFormatException(file, 0, 0, "permission denied", e);
        } catch (IOException e) {
            throw new DataFormatException(file, 0, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses CSV text from {@code in} (not closed), naming {@code file} in messages: the stream behind
     * {@link #read}, and the entry point of the fuzz tests and of the input-limit tests, which feed generated
     * streams far larger than they could hold.
     */
    Dataset load(InputStream in, Path file, String targetColumn, List<String> featureColumns) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CsvLineReader lines = null;
        try {
            lines = new CsvLineReader(new InputStreamReader(in, decoder), file, limits.maxLineChars());
            return parse(file, lines, targetColumn, featureColumns);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, lines == null ? 0 : lines.lineNumber(), 0,
                    "text is not valid UTF-8 (is this a CSV file?)", e);
        } catch (IOException e) {
            throw new DataFormatException(file, lines == null ? 0 : lines.lineNumber(), 0,
                    "cannot read: " + e.getMessage(), e);
        }
    }

    private Dataset parse(Path file, CsvLineReader lines, String targetColumn, List<String> featureColumns)
            throws IOException {
        String headerLine = nextNonBlank(lines);
        if (headerLine == null) {
            throw new DataFormatException(file, 0, 0, "file is empty; expected a header row of column names");
        }
        long headerLineNumber = lines.lineNumber();
        List<String> header = CsvCells.split(headerLine, file, headerLineNumber, limits.maxColumns());
        if (header.size() > limits.maxColumns()) {
            throw new DataFormatException(file, headerLineNumber, 0, "header has more than "
                    + limits.maxColumns() + " columns (CsvLimits.maxColumns)");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new DataFormatException(file, headerLineNumber, c + 1, "column " + (c + 1)
                        + " has an empty name in the header");
            }
            Integer previous = index.putIfAbsent(name, c);
            if (previous != null) {
                throw new DataFormatException(file, headerLineNumber, c + 1, "column name \"" + name
                        + "\" appears twice in the header (columns " + (previous + 1) + " and " + (c + 1) + ")");
            }
        }
        int target = -1;
        if (targetColumn != null) {
            Integer t = index.get(targetColumn);
            if (t == null) {
                throw new DataFormatException(file, headerLineNumber, 0, "no target column named \""
                        + targetColumn + "\"; available columns: " + quoted(header));
            }
            target = t;
        }
        int[] selected;
        List<String> names;
        if (featureColumns == null) {
            names = new ArrayList<>(header);
            names.remove(target);
            if (names.isEmpty()) {
                throw new DataFormatException(file, headerLineNumber, 0, "no feature columns: the only column is"
                        + " the target \"" + targetColumn + "\"");
            }
            selected = new int[names.size()];
            for (int c = 0, k = 0; c < header.size(); c++) {
                if (c != target) {
                    selected[k++] = c;
                }
            }
        } else {
            if (featureColumns.isEmpty()) {
                throw new InvalidArgumentException("CsvReader: the list of feature columns is empty");
            }
            List<String> missing = featureColumns.stream().filter(name -> !index.containsKey(name)).toList();
            if (!missing.isEmpty()) {
                throw new DataFormatException(file, headerLineNumber, 0, "missing feature column"
                        + (missing.size() == 1 ? " " : "s ") + quoted(missing) + "; available columns: "
                        + quoted(header));
            }
            names = featureColumns;
            selected = featureColumns.stream().mapToInt(index::get).toArray();
        }
        return rows(file, lines, header, selected, names, target, headerLineNumber);
    }

    private Dataset rows(Path file, CsvLineReader lines, List<String> header, int[] selected, List<String> names,
                         int target, long headerLineNumber) throws IOException {
        int columns = header.size();
        int width = selected.length;
        long cellsPerRow = width + (target >= 0 ? 1 : 0);
        float[] features = new float[(int) Math.min(width * 1024L, limits.maxCells())];
        float[] targets = target >= 0 ? new float[1024] : null;
        int rows = 0;
        String line;
        while ((line = nextNonBlank(lines)) != null) {
            long lineNumber = lines.lineNumber();
            if (rows == limits.maxRows()) {
                throw new DataFormatException(file, lineNumber, 0, "more than " + limits.maxRows()
                        + " data rows (CsvLimits.maxRows)");
            }
            if ((rows + 1) * cellsPerRow > limits.maxCells()) {
                throw new DataFormatException(file, lineNumber, 0, "more than " + limits.maxCells()
                        + " values to load (CsvLimits.maxCells)");
            }
            List<String> cells = CsvCells.split(line, file, lineNumber, columns);
            if (cells.size() < columns) {
                throw new DataFormatException(file, lineNumber, cells.size() + 1, "row has " + cells.size()
                        + " cells but the header has " + columns + " columns (no value for column \""
                        + header.get(cells.size()) + "\")");
            }
            if (cells.size() > columns) {
                throw new DataFormatException(file, lineNumber, columns + 1, "row has more cells than the header's "
                        + columns + " columns");
            }
            if ((long) (rows + 1) * width > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(limits.maxCells(),
                        Math.max((long) features.length * 2, (long) (rows + 1) * width)));
            }
            for (int k = 0; k < width; k++) {
                int c = selected[k];
                features[rows * width + k] = CsvCells.parse(cells.get(c), file, lineNumber, c + 1, header.get(c));
            }
            if (targets != null) {
                if (rows == targets.length) {
                    targets = Arrays.copyOf(targets, (int) Math.min(Integer.MAX_VALUE - 8, (long) rows * 2));
                }
                targets[rows] = CsvCells.parse(cells.get(target), file, lineNumber, target + 1, header.get(target));
            }
            rows++;
        }
        if (rows == 0) {
            throw new DataFormatException(file, headerLineNumber, 0, "no data rows after the header");
        }
        return Dataset.owned(Arrays.copyOf(features, rows * width), rows, names,
                targets == null ? null : Arrays.copyOf(targets, rows), target >= 0 ? header.get(target) : null);
    }

    /**
     * An error about a value found after loading (a label the objective refuses), placed at its spot in the
     * file: {@code FILE:LINE:COLUMN: detail}, where LINE is the physical line of data row {@code row} (0-based,
     * blank lines counted as the reader counts them) and COLUMN the 1-based position of {@code column} in the
     * header. The file is read again up to that row, so nothing is kept per row while loading; if it cannot be
     * read again (changed or removed since), the position is left out.
     */
    public DataFormatException errorAt(Path file, long row, String column, String detail) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            CsvLineReader lines = new CsvLineReader(new InputStreamReader(in, decoder), file, limits.maxLineChars());
            String headerLine = nextNonBlank(lines);
            if (headerLine != null) {
                List<String> header = CsvCells.split(headerLine, file, lines.lineNumber(), limits.maxColumns());
                int c = header.indexOf(column) + 1;
                for (long r = 0; r <= row; r++) {
                    if (nextNonBlank(lines) == null) {
                        return new DataFormatException(file, 0, 0, detail);
                    }
                }
                return new DataFormatException(file, lines.lineNumber(), c, detail);
            }
        } catch (IOException | DataFormatException e) {
            // The file changed since it was loaded: report without a position rather than a second error.
        }
        return new DataFormatException(file, 0, 0, detail);
    }

    private static String nextNonBlank(CsvLineReader lines) throws IOException {
        String line;
        do {
            line = lines.next();
        } while (line != null && CsvCells.isBlankLine(line));
        return line;
    }

    /** Names for a message: quoted, at most 50 of them so that a wide file does not flood the terminal. */
    private static String quoted(List<String> names) {
        String shown = names.stream().limit(50).map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        return names.size() <= 50 ? shown : shown + " and " + (names.size() - 50) + " more";
    }
}
