package dev.descent.data;

import dev.descent.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile sizes are refused early with a {@link DataFormatException}, reading only about as much as the limit
 * allows: a header of a million columns, a data row of a million cells, and a 2 GiB line (a real sparse file,
 * and a generated stream that counts how much of it the reader consumed). The inputs are generated while they
 * are read, never held in memory.
 */
class CsvInputLimitsTest {
    private static final Path NAME = Path.of("huge.csv");
    private static final long TWO_GIB = 2L << 30;

    @TempDir
    Path dir;

    /** Streams {@code prefix}, then {@code length} bytes from {@code filler} (cycled), counting what is read. */
    private static final class GeneratedStream extends InputStream {
        private final byte[] prefix;
        private final byte[] filler;
        private final long length;
        long consumed;

        GeneratedStream(String prefix, String filler, long length) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.filler = filler.getBytes(StandardCharsets.UTF_8);
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = prefix.length + length;
            if (consumed >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - consumed);
            for (int i = 0; i < n; i++) {
                long at = consumed + i;
                b[off + i] = at < prefix.length ? prefix[(int) at] : filler[(int) ((at - prefix.length) % filler.length)];
            }
            consumed += n;
            return n;
        }
    }

    /** "c0,c1,...,c999999": the header of a million columns, generated name by name. */
    private static final class ManyColumns extends InputStream {
        private final int columns;
        private final byte[] after;
        private int next;
        private byte[] pending = new byte[0];
        private int pendingAt;
        long consumed;

        ManyColumns(int columns, String after) {
            this.columns = columns;
            this.after = after.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            if (pendingAt == pending.length) {
                if (next > columns) {
                    return -1;
                }
                pending = next == columns ? after
                        : ((next == 0 ? "" : ",") + "c" + next).getBytes(StandardCharsets.US_ASCII);
                next++;
                pendingAt = 0;
                if (pending.length == 0) {
                    return read();
                }
            }
            consumed++;
            return pending[pendingAt++] & 0xff;
        }
    }

    @Test
    void aMillionColumnsAreRefusedByTheLineLimitWithTheDefaults() {
        ManyColumns in = new ManyColumns(1_000_000, "\n");
        assertThatThrownBy(() -> new CsvReader().load(in, NAME, "c0", null))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("huge.csv:1: line is longer than 1048576 characters (CsvLimits.maxLineChars); is this a"
                        + " CSV file?");
        assertThat(in.consumed).as("bytes read before refusing").isLessThan(2L << 20);
    }

    @Test
    void aMillionColumnsAreRefusedByTheColumnLimitWhenLinesMayBeLong() {
        CsvReader reader = new CsvReader(CsvLimits.DEFAULT.withMaxLineChars(1 << 24));
        assertThatThrownBy(() -> reader.load(new ManyColumns(1_000_000, "\n1\n"), NAME, "c0", null))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("huge.csv:1: header has more than 65536 columns (CsvLimits.maxColumns)");
    }

    @Test
    void aRowOfAMillionCellsIsRefusedWithoutSplittingItAll() {
        CsvReader reader = new CsvReader(CsvLimits.DEFAULT.withMaxLineChars(1 << 22));
        GeneratedStream in = new GeneratedStream("x,y\n1,2\n", "1,", 2_000_000);
        assertThatThrownBy(() -> reader.load(in, NAME, "y", null))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("huge.csv:3:3: row has more cells than the header's 2 columns");
    }

    @Test
    void aTwoGibLineInAStreamIsRefusedAfterReadingAboutTheLimit() {
        GeneratedStream in = new GeneratedStream("a,y\n1,2\n", "1234567,", TWO_GIB);
        assertThatThrownBy(() -> new CsvReader().load(in, NAME, "y", null))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("huge.csv:3: line is longer than 1048576 characters (CsvLimits.maxLineChars)");
        assertThat(in.consumed).as("bytes read before refusing").isLessThan(2L << 20);
    }

    @Test
    void aTwoGibFileOfOneLineIsRefusedQuickly() throws IOException {
        // A sparse file: 2 GiB of NUL bytes after the first row take no disk space and are one unterminated line.
        Path file = dir.resolve("two-gib.csv");
        Files.writeString(file, "a,y\n1,2\n");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(TWO_GIB + 8);
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> new CsvReader().read(file, "y"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":3: line is longer than 1048576 characters (CsvLimits.maxLineChars); is this a"
                        + " CSV file?");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds to refuse").isLessThan(10);
    }

    @Test
    void limitsComeFromSystemPropertiesWithClearErrors() {
        assertThat(CsvLimits.from(Map.<String, String>of()::get)).isEqualTo(CsvLimits.DEFAULT);
        CsvLimits set = CsvLimits.from(Map.of("descent.csv.maxLineChars", "4096", "descent.csv.maxColumns", "8",
                "descent.csv.maxRows", "1_000", "descent.csv.maxCells", "5000")::get);
        assertThat(set).isEqualTo(new CsvLimits(4096, 8, 1000, 5000));
        assertThatThrownBy(() -> CsvLimits.from(Map.of("descent.csv.maxColumns", "lots")::get))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("-Ddescent.csv.maxColumns=lots: expected a whole number from 1 to 2147483647");
        assertThatThrownBy(() -> CsvLimits.from(Map.of("descent.csv.maxCells", "4294967296")::get))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("-Ddescent.csv.maxCells=4294967296: expected a whole number from 1 to 2147483639");
        assertThat(CsvLimits.fromSystemProperties()).isEqualTo(CsvLimits.DEFAULT);
    }
}
