package dev.descent.cli;

import dev.descent.io.Checkpoint;
import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints written before the optimizer SPI existed still resume bit for bit. The files under
 * {@code checkpoints/} were written by the code of commit 4b56c34 (branch numerics, the five algorithms as
 * sealed records with one SPI method each, torch-order constants) with
 * {@code bin/descent train --data regression.csv --target y OPTIONS --batch-size 16 --seed 3 --backend scalar}
 * and {@code --epochs 3 --checkpoint NAME-epoch3.ckpt}, then {@code --epochs 6 --out NAME-epoch6.safetensors}
 * for the uninterrupted run. Today's code must read the old checkpoint's optimizer state unchanged (the same
 * run to epoch 3 writes the same optimizer state) and, resumed from it, finish with the same weights, bit for bit.
 */
class OldCheckpointTest {
    @TempDir
    Path dir;

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", new String[] {"--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.9",
                        "--dampening", "0.1", "--weight-decay", "0.01"}),
                Arguments.of("adam", new String[] {"--optimizer", "adam", "--lr", "0.01", "--weight-decay", "0.01"}),
                Arguments.of("adamw", new String[] {"--optimizer", "adamw", "--lr", "0.01"}),
                Arguments.of("rmsprop", new String[] {"--optimizer", "rmsprop", "--lr", "0.01", "--momentum", "0.5"}),
                Arguments.of("adagrad", new String[] {"--optimizer", "adagrad", "--lr", "0.1", "--weight-decay",
                        "0.01"}));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(OldCheckpointTest.class.getResource("/checkpoints/" + name).toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumesBitForBit(String name, String[] options) throws Exception {
        String[] common = CliProcess.concat(new String[] {"train", "--data", resource("regression.csv").toString(),
                "--target", "y", "--batch-size", "16", "--seed", "3", "--backend", "scalar", "--quiet"}, options);

        Path fresh = dir.resolve("fresh.ckpt");
        CliProcess.Result first = CliProcess.run(dir, CliProcess.concat(common, "--epochs", "3", "--checkpoint",
                fresh.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Checkpoint old = Checkpoint.read(resource(name + "-epoch3.ckpt"));
        Checkpoint now = Checkpoint.read(fresh);
        assertThat(now.optimizerValues()).isEqualTo(old.optimizerValues());
        assertThat(now.optimizerTensors()).isEqualTo(old.optimizerTensors());
        assertThat(now.model()).isEqualTo(old.model());

        Path checkpoint = dir.resolve("old.ckpt");
        Files.copy(resource(name + "-epoch3.ckpt"), checkpoint);
        Path resumed = dir.resolve("resumed.safetensors");
        CliProcess.Result rest = CliProcess.run(dir, CliProcess.concat(common, "--epochs", "6", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", resumed.toString()));
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        SafetensorsFile expected = Safetensors.read(resource(name + "-epoch6.safetensors"));
        SafetensorsFile actual = Safetensors.read(resumed);
        for (String tensor : new String[] {"weight", "bias"}) {
            assertThat(actual.tensor(tensor).values()).as(tensor).containsExactly(expected.tensor(tensor).values());
        }
    }
}
