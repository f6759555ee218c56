package dev.descent.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the safetensors reader (Jazzer). The property: any byte string either loads or
 * fails with {@link ModelFormatException} whose message names the source; no other exception type, no
 * {@link OutOfMemoryError} from a small file claiming a huge tensor (the limits are checked against the file's
 * length before anything is allocated), and no hang (Jazzer's per-input timeout). A file that loads is written
 * back and read again to the same content.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the checked-in corpus under
 * {@code src/test/resources/dev/descent/io/SafetensorsFuzzTestInputs/} as a unit test; CI fuzzes it for a few
 * seconds (see SECURITY.md for the commands).
 */
class SafetensorsFuzzTest {
    /** Small enough that the fuzzer can reach every limit; a loaded tensor is at most as large as the input. */
    static final SafetensorsLimits LIMITS = new SafetensorsLimits(1 << 16, 64, 8, 1 << 20, 64);

    @FuzzTest(maxDuration = "5m")
    void loadsOrFailsWithModelFormatException(byte[] input) {
        SafetensorsFile file;
        try {
            file = Safetensors.fromBytes(input, "fuzz", LIMITS);
        } catch (ModelFormatException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz: ");
            return;
        }
        long values = file.tensors().values().stream().mapToLong(TensorData::size).sum();
        assertThat(values * Float.BYTES).isLessThanOrEqualTo(input.length);
        SafetensorsFile again = Safetensors.fromBytes(Safetensors.toBytes(file), "round trip", LIMITS);
        assertThat(again.tensors()).isEqualTo(Map.copyOf(file.tensors()));
        assertThat(again.metadata()).isEqualTo(file.metadata());
        try {
            Checkpoint.fromSafetensors(file, "fuzz");
        } catch (ModelFormatException notACheckpoint) {
            assertThat(notACheckpoint.getMessage()).startsWith("fuzz: ");
        }
    }
}
