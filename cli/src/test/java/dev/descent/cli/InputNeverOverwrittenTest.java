package dev.descent.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.descent.cli.Hostile.of;

/**
 * The promise that a run never overwrites its own input: every output ({@code --out}, {@code --metrics-json},
 * {@code --plot}, {@code --checkpoint} and its loss history, {@code predict --out}) is compared by identity with
 * every input and with every other output, through relative and absolute spellings, {@code ..}, symbolic links
 * and hard links, and for files that do not exist yet. Each case must be refused with one line, the input intact.
 */
class InputNeverOverwrittenTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws Exception {
        Fixtures.copyTrained(shared);
    }

    @BeforeEach
    void inputs() throws Exception {
        for (String name : new String[] {"good.csv", "test.csv", "model.safetensors"}) {
            Fixtures.copy(shared, dir, name);
        }
        Files.createSymbolicLink(dir.resolve("link.csv"), dir.resolve("good.csv"));
        Files.createSymbolicLink(dir.resolve("relative-link.csv"), Path.of("good.csv"));
        Files.createLink(dir.resolve("hard.csv"), dir.resolve("good.csv"));
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/up"), Path.of(".."));
        Files.createSymbolicLink(dir.resolve("dangling.st"), Path.of("future.st"));
    }

    static Stream<Hostile.Case> cases() {
        String[] train = {"train", "--data", "good.csv", "--target", "y", "--epochs", "1", "--quiet"};
        return Stream.of(
                of("--out is the data", "--out good.csv is the input --data", concat(train, "--out", "good.csv")),
                of("--metrics-json is the data", "--metrics-json", concat(train, "--metrics-json", "good.csv")),
                of("--plot is the data", "--plot", concat(train, "--plot", "good.csv")),
                of("--checkpoint is the data", "--checkpoint", concat(train, "--checkpoint", "good.csv")),
                of("--checkpoint is the data, resumed", "--checkpoint", concat(train, "--checkpoint", "good.csv",
                        "--resume")),
                of("--out is the test data", "--test-data", concat(train, "--test-data", "test.csv", "--out",
                        "test.csv")),
                of("--out through a symbolic link", "--out link.csv", concat(train, "--out", "link.csv")),
                of("--out through a relative symbolic link", "--out", concat(train, "--out", "relative-link.csv")),
                of("--out through a hard link", "--out hard.csv", concat(train, "--out", "hard.csv")),
                of("--out spelled with ..", "--out", concat(train, "--out", "sub/../good.csv")),
                of("--out through a linked folder", "--out", concat(train, "--out", "sub/up/good.csv")),
                of("--data through a link, --out the file", "--out", new String[] {"train", "--data", "link.csv",
                        "--target", "y", "--quiet", "--out", "good.csv"}),
                of("two outputs, one file", "are the same file", concat(train, "--out", "m.st", "--metrics-json",
                        "./m.st")),
                of("two outputs, one not yet existing file through a dangling link", "are the same file",
                        concat(train, "--out", "future.st", "--plot", "dangling.st")),
                of("--plot is the checkpoint's loss history", "same file", concat(train, "--checkpoint", "run.ckpt",
                        "--plot", "run.ckpt.losses")),
                of("predict --out is the model", "--out model.safetensors is the input --model", "predict",
                        "--model", "model.safetensors", "--data", "good.csv", "--out", "model.safetensors"),
                of("predict --out is the data", "--out good.csv is the input --data", "predict", "--model",
                        "model.safetensors", "--data", "good.csv", "--out", "good.csv"),
                of("predict --out is the data through a hard link", "--out hard.csv", "predict", "--model",
                        "model.safetensors", "--data", "good.csv", "--out", "hard.csv"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithTheInputIntact(Hostile.Case c) throws Exception {
        Hostile.assertRefused(dir, c);
    }

    private static String[] concat(String[] a, String... b) {
        return CliProcess.concat(a, b);
    }
}
