package dev.descent.io;

import dev.descent.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Checkpoint sample(int epoch) {
        return new Checkpoint(epoch, 1234L, -8_000_000_000_000_000_000L,
                Map.of("weight", new TensorData(new int[]{1, 2}, new float[]{0.25f, Float.intBitsToFloat(0x7FC0BEEF)}),
                        "bias", new TensorData(new int[]{1}, new float[]{-0f})),
                Map.of("state.0.exp_avg", new TensorData(new int[]{1, 2}, new float[]{1e-30f, 3f}),
                        "state.0.exp_avg_sq", new TensorData(new int[]{1, 2}, new float[]{1e-38f, 9f})),
                Map.of("state.0.step", "1234", "lr", "0.001", "betas", "[0.9,0.999]"),
                Map.of("model", "{\"kind\":\"linear\",\"in\":2,\"out\":1}"));
    }

    @Test
    void roundTripsBitForBit() {
        Path file = dir.resolve("run.ckpt");
        Checkpoint c = sample(7);
        c.write(file);
        Checkpoint back = Checkpoint.read(file);
        assertThat(back).isEqualTo(c);
        assertThat(Float.floatToRawIntBits(back.model().get("weight").values()[1])).isEqualTo(0x7FC0BEEF);
    }

    @Test
    void isAPlainSafetensorsFileWithPrefixedOptimizerState() {
        Path file = dir.resolve("run.ckpt");
        sample(3).write(file);
        SafetensorsFile raw = Safetensors.read(file);
        assertThat(raw.tensors().keySet()).containsExactly("bias", "optim.state.0.exp_avg",
                "optim.state.0.exp_avg_sq", "weight");
        assertThat(raw.metadata()).containsEntry("descent.checkpoint.format", "1")
                .containsEntry("descent.checkpoint.epoch", "3")
                .containsEntry("descent.checkpoint.step", "1234")
                .containsEntry("descent.checkpoint.rng_state", "-8000000000000000000")
                .containsEntry("optim.lr", "0.001")
                .containsEntry("model", "{\"kind\":\"linear\",\"in\":2,\"out\":1}");
    }

    @Test
    void overwritingKeepsAReadableCheckpoint() throws IOException {
        Path file = dir.resolve("run.ckpt");
        sample(1).write(file);
        sample(2).write(file);
        assertThat(Checkpoint.read(file).epoch()).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refusesReservedNames() {
        assertThatThrownBy(() -> new Checkpoint(0, 0, 0,
                Map.of("optim.x", new TensorData(new int[]{1}, new float[]{1})), Map.of(), Map.of(), Map.of()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint(0, 0, 0, Map.of(), Map.of(), Map.of(),
                Map.of("descent.checkpoint.epoch", "9")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aModelFileIsNotACheckpoint() {
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, Map.of("weight", new TensorData(new int[]{1}, new float[]{1})), Map.of());
        assertThatThrownBy(() -> Checkpoint.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": not a descent checkpoint (no metadata entry \"descent.checkpoint.format\"); a"
                        + " model file is read with Safetensors.read");
    }

    @Test
    void malformedValuesNameTheFileAndEntry() {
        Path file = dir.resolve("bad.ckpt");
        Safetensors.write(file, Map.of(), Map.of("descent.checkpoint.format", "1", "descent.checkpoint.epoch", "x",
                "descent.checkpoint.step", "0", "descent.checkpoint.rng_state", "0"));
        assertThatThrownBy(() -> Checkpoint.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": metadata entry \"descent.checkpoint.epoch\": \"x\" is not a decimal integer");
        Safetensors.write(file, Map.of(), Map.of("descent.checkpoint.format", "1"));
        assertThatThrownBy(() -> Checkpoint.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": metadata entry \"descent.checkpoint.epoch\" is missing");
    }
}
