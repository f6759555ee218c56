package dev.descent.data;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the CSV reader (Jazzer). The property: any byte string either loads or fails with
 * {@link DataFormatException} whose message starts with the file name; no other exception type, no hang, and
 * no more loaded values than the limits allow. Each input is read three ways: all columns with target
 * {@code y}, named features {@code a,b} with target {@code y}, and features only.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the checked-in corpus under
 * {@code src/test/resources/dev/descent/data/CsvReaderFuzzTestInputs/} as a unit test; CI fuzzes it for a few
 * seconds (see SECURITY.md for the commands).
 */
class CsvReaderFuzzTest {
    private static final Path FILE = Path.of("fuzz.csv");
    /** Small limits so that the fuzzer reaches each of them with short inputs. */
    private static final CsvReader READER = new CsvReader(new CsvLimits(256, 8, 64, 128));

    @FuzzTest(maxDuration = "5m")
    void loadsOrFailsWithDataFormatException(byte[] input) {
        read(input, "y", null);
        read(input, "y", List.of("a", "b"));
        read(input, null, List.of("b"));
    }

    private static void read(byte[] input, String target, List<String> features) {
        Dataset data;
        try {
            data = READER.load(new ByteArrayInputStream(input), FILE, target, features);
        } catch (DataFormatException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz.csv");
            return;
        }
        assertThat(data.rows()).isPositive().isLessThanOrEqualTo(64);
        assertThat((long) data.rows() * (data.columns() + (data.hasTargets() ? 1 : 0))).isLessThanOrEqualTo(128);
        for (float v : data.features()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        if (target != null) {
            assertThat(data.targets()).hasSize(data.rows());
        }
    }
}
