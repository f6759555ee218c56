package dev.descent.data;

import dev.descent.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {
    @TempDir
    Path dir;

    private final CsvReader reader = new CsvReader();

    private Path csv(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private void assertFails(Path file, String target, String expectedMessage, long line, int column) {
        assertThatThrownBy(() -> reader.read(file, target))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(expectedMessage)
                .satisfies(e -> {
                    DataFormatException d = (DataFormatException) e;
                    assertThat(d.file()).isEqualTo(file);
                    assertThat(d.line()).isEqualTo(line);
                    assertThat(d.column()).isEqualTo(column);
                });
    }

    @Test
    void readsTargetAndOtherColumnsAsFeaturesInFileOrder() throws IOException {
        Dataset d = reader.read(csv("x1,y,x2\n1,10,2\n3,30,4.5\n-1e2,+7,.25\n"), "y");
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.featureNames()).containsExactly("x1", "x2");
        assertThat(d.targetName()).isEqualTo("y");
        assertThat(d.features()).containsExactly(1, 2, 3, 4.5f, -100, 0.25f);
        assertThat(d.targets()).containsExactly(10, 30, 7);
    }

    @Test
    void acceptsCrlfBomQuotesSpacesBlankLinesAndNoFinalNewline() throws IOException {
        Dataset d = reader.read(csv("\uFEFF\"x, one\" , y\r\n\r\n 1.5 ,\"2\"\r\n   \n3,4"), "y");
        assertThat(d.featureNames()).containsExactly("x, one");
        assertThat(d.features()).containsExactly(1.5f, 3);
        assertThat(d.targets()).containsExactly(2, 4);
    }

    @Test
    void oldMacLineEndsCountAsLines() throws IOException {
        Path file = csv("x,y\r1,2\r3,a\r");
        assertFails(file, "y", file + ":3:2: column \"y\": cell \"a\" is not a number", 3, 2);
    }

    @Test
    void selectsNamedFeatureColumnsInTheGivenOrder() throws IOException {
        Path file = csv("id,b,y,a\nfoo,1,2,3\nbar,4,5,6\n");
        Dataset d = reader.read(file, "y", List.of("a", "b"));
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.features()).containsExactly(3, 1, 6, 4);
        assertThat(d.targets()).containsExactly(2, 5);
    }

    @Test
    void readsFeaturesOnlyForPredictionWithoutTheTargetColumn() throws IOException {
        Dataset d = reader.readFeatures(csv("id,x2,x1\nfoo,1,2\n"), List.of("x1", "x2"));
        assertThat(d.hasTargets()).isFalse();
        assertThat(d.targetName()).isNull();
        assertThat(d.features()).containsExactly(2, 1);
        assertThatThrownBy(d::targets).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("absent.csv");
        assertFails(file, "y", file + ": file not found", 0, 0);
    }

    @Test
    void directoryIsNotAFile() {
        assertFails(dir, "y", dir + ": is a directory, not a CSV file", 0, 0);
    }

    @Test
    void emptyFile() throws IOException {
        Path file = csv("");
        assertFails(file, "y", file + ": file is empty; expected a header row of column names", 0, 0);
        Path blank = csv("\n  \n\r\n");
        assertFails(blank, "y", blank + ": file is empty; expected a header row of column names", 0, 0);
    }

    @Test
    void headerWithoutRows() throws IOException {
        Path file = csv("x,y\n\n");
        assertFails(file, "y", file + ":1: no data rows after the header", 1, 0);
    }

    @Test
    void raggedRowWithTooFewCells() throws IOException {
        Path file = csv("x1,x2,y\n1,2,3\n4,5\n");
        assertFails(file, "y", file + ":3:3: row has 2 cells but the header has 3 columns (no value for column"
                + " \"y\")", 3, 3);
    }

    @Test
    void raggedRowWithTooManyCells() throws IOException {
        Path file = csv("x,y\n1,2\n3,4\n5,6,7,8\n");
        assertFails(file, "y", file + ":4:3: row has more cells than the header's 2 columns", 4, 3);
    }

    @Test
    void nonNumericCell() throws IOException {
        Path file = csv("x1,x2,y\n1,2,3\n4,abc,6\n");
        assertFails(file, "y", file + ":3:2: column \"x2\": cell \"abc\" is not a number", 3, 2);
    }

    @Test
    void javaOnlyNumberFormsAreNotNumbers() throws IOException {
        for (String cell : List.of("0x1p3", "1f", "2d", "1e", "e5", ".", "-", "1..2", "1,5")) {
            Path file = csv("x,y\n\"" + cell + "\",1\n");
            assertThatThrownBy(() -> reader.read(file, "y"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage(file + ":2:1: column \"x\": cell \"" + cell + "\" is not a number");
        }
    }

    @Test
    void emptyCell() throws IOException {
        Path file = csv("x,y\n,1\n");
        assertFails(file, "y", file + ":2:1: column \"x\": cell is empty; every cell must hold a number (fill or"
                + " drop missing values first)", 2, 1);
    }

    @Test
    void nanAndInfinityCells() throws IOException {
        for (String cell : List.of("NaN", "nan", "inf", "-Infinity", "+INF")) {
            Path file = csv("x,y\n1,2\n3," + cell + "\n");
            assertFails(file, "y", file + ":3:2: column \"y\": cell \"" + cell + "\" is NaN or infinite; only finite"
                    + " numbers can be trained on", 3, 2);
        }
    }

    @Test
    void numberBeyondFloatRange() throws IOException {
        Path file = csv("x,y\n1e39,2\n");
        assertFails(file, "y", file + ":2:1: column \"x\": cell \"1e39\" is outside the float32 range (magnitude"
                + " above 3.4028235E38)", 2, 1);
    }

    @Test
    void missingTargetColumnListsTheAvailableOnes() throws IOException {
        Path file = csv("a,b,c\n1,2,3\n");
        assertFails(file, "y", file + ":1: no target column named \"y\"; available columns: \"a\", \"b\", \"c\"",
                1, 0);
    }

    @Test
    void missingFeatureColumnsForPrediction() throws IOException {
        Path file = csv("a,b\n1,2\n");
        assertThatThrownBy(() -> reader.readFeatures(file, List.of("a", "x", "z")))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: missing feature columns \"x\", \"z\"; available columns: \"a\", \"b\"");
    }

    @Test
    void onlyTheTargetColumn() throws IOException {
        Path file = csv("y\n1\n");
        assertFails(file, "y", file + ":1: no feature columns: the only column is the target \"y\"", 1, 0);
    }

    @Test
    void emptyAndDuplicateColumnNames() throws IOException {
        Path empty = csv("x,,y\n1,2,3\n");
        assertFails(empty, "y", empty + ":1:2: column 2 has an empty name in the header", 1, 2);
        Path twice = csv("x,y,x\n1,2,3\n");
        assertFails(twice, "y", twice + ":1:3: column name \"x\" appears twice in the header (columns 1 and 3)",
                1, 3);
    }

    @Test
    void unclosedQuote() throws IOException {
        Path file = csv("x,y\n1,\"2\n");
        assertFails(file, "y", file + ":2:2: quoted cell is not closed before the end of the line (quoted cells"
                + " cannot span lines)", 2, 2);
    }

    @Test
    void invalidUtf8() throws IOException {
        Path file = dir.resolve("binary.csv");
        Files.write(file, new byte[]{'x', ',', 'y', '\n', '1', ',', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> reader.read(file, "y"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageEndingWith(": text is not valid UTF-8 (is this a CSV file?)");
    }

    @Test
    void ignoredColumnsMayHoldText() throws IOException {
        Dataset d = reader.read(csv("name,x,y\nalice,1,2\n"), "y", List.of("x"));
        assertThat(d.features()).containsExactly(1);
    }

    @Test
    void lineLongerThanTheLimitIsRefusedWhileStreaming() throws IOException {
        Path file = dir.resolve("long.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("x,y\n1,2\n");
            String chunk = "1".repeat(1 << 16);
            for (int i = 0; i < 64; i++) { // a 4 Mi-character line against a 64 Ki limit
                w.write(chunk);
            }
            w.write(",2\n");
        }
        CsvReader small = new CsvReader(CsvLimits.DEFAULT.withMaxLineChars(1 << 16));
        assertThatThrownBy(() -> small.read(file, "y"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":3: line is longer than 65536 characters (CsvLimits.maxLineChars); is this a CSV"
                        + " file?");
    }

    @Test
    void tooManyColumns() throws IOException {
        Path file = csv("a,b,c,d,y\n1,2,3,4,5\n");
        CsvReader narrow = new CsvReader(CsvLimits.DEFAULT.withMaxColumns(4));
        assertThatThrownBy(() -> narrow.read(file, "y"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: header has more than 4 columns (CsvLimits.maxColumns)");
    }

    @Test
    void tooManyRowsAndCells() throws IOException {
        Path file = csv("x,y\n1,2\n3,4\n5,6\n");
        assertThatThrownBy(() -> new CsvReader(CsvLimits.DEFAULT.withMaxRows(2)).read(file, "y"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":4: more than 2 data rows (CsvLimits.maxRows)");
        assertThatThrownBy(() -> new CsvReader(CsvLimits.DEFAULT.withMaxCells(5)).read(file, "y"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":4: more than 5 values to load (CsvLimits.maxCells)");
    }

    @Test
    void manyRowsGrowTheBuffers() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(',').append(-i).append(',').append(2 * i).append('\n');
        }
        Dataset d = reader.read(csv(sb.toString()), "y");
        assertThat(d.rows()).isEqualTo(5000);
        assertThat(d.feature(4999, 0)).isEqualTo(4999);
        assertThat(d.feature(4999, 1)).isEqualTo(-4999);
        assertThat(d.target(4999)).isEqualTo(9998);
    }

    @Test
    void argumentErrors() throws IOException {
        Path file = csv("x,y\n1,2\n");
        assertThatThrownBy(() -> reader.read(file, "y", List.of("x", "x")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> reader.read(file, "y", List.of("y")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void randomInputsLoadOrFailWithTheLibraryException() throws IOException {
        String alphabet = "xy,,\n\n\r\"1.-e+ a\t\uFEFFé";
        dev.descent.tensor.SeededRandom random = new dev.descent.tensor.SeededRandom(7);
        CsvReader small = new CsvReader(new CsvLimits(16, 4, 8, 16));
        for (int trial = 0; trial < 500; trial++) {
            StringBuilder sb = new StringBuilder(trial % 2 == 0 ? "x,y\n" : "");
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Path file = csv(sb.toString());
            try {
                Dataset d = small.read(file, "y");
                assertThat(d.rows()).isPositive();
            } catch (DataFormatException expected) {
                assertThat(expected.getMessage()).startsWith(file.toString());
            }
        }
    }
}
