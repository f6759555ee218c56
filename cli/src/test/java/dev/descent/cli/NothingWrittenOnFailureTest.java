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
 * The promise that a failed run writes and changes nothing: output folders that cannot take new files are found
 * before training starts (not after the last epoch), a full disk behind standard output fails the run with exit
 * 1 and leaves every output unwritten, and failures during training leave every existing output as it was.
 * {@code /proc} stands for an unwritable folder because these tests may run as root, who can write to any
 * read-only folder of an ordinary file system.
 */
class NothingWrittenOnFailureTest {
    private static final Path FULL = Path.of("/dev/full");

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
        Fixtures.copy(shared, dir, "good.csv");
        Fixtures.copy(shared, dir, "binary.csv");
        Fixtures.copy(shared, dir, "model.safetensors");
        Files.writeString(dir.resolve("m.st"), "previous model");
        Files.writeString(dir.resolve("m.json"), "previous metrics");
    }

    static Stream<Hostile.Case> cases() {
        // Many epochs: a check made only after training would run past the process test's time limit.
        String[] train = {"train", "--data", "good.csv", "--target", "y", "--epochs", "100000000", "--quiet",
                "--out", "m.st", "--metrics-json", "m.json"};
        String[] shortTrain = {"train", "--data", "good.csv", "--target", "y", "--epochs", "2", "--quiet",
                "--out", "m.st", "--metrics-json", "m.json"};
        return Stream.of(
                of("unwritable --plot folder, found before training", "--plot /proc/loss.svg: cannot create files"
                        + " in /proc", CliProcess.concat(train, "--plot", "/proc/loss.svg")),
                of("unwritable --out folder, found before training", "--out /proc/model.st: cannot create files",
                        "train", "--data", "good.csv", "--target", "y", "--epochs", "100000000", "--quiet", "--out",
                        "/proc/model.st"),
                of("unwritable --checkpoint folder, found before epoch 1", "--checkpoint /proc/run.ckpt",
                        CliProcess.concat(train, "--checkpoint", "/proc/run.ckpt")),
                of("missing output folder", "does not exist", CliProcess.concat(train, "--plot", "nope/loss.svg")),
                of("output folder is a file", "does not exist", CliProcess.concat(train, "--plot",
                        "good.csv/loss.svg")),
                of("train with standard output on a full disk", "cannot write to standard output: No space left",
                        shortTrain).withStdout(FULL),
                of("predict with standard output on a full disk", "cannot write to standard output: No space left",
                        "predict", "--model", "model.safetensors", "--data", "good.csv").withStdout(FULL),
                of("help on a full disk", "cannot write to standard output", "train", "--help").withStdout(FULL),
                of("bad label after outputs were checked", "good.csv:2:3", "train", "--data", "good.csv",
                        "--target", "y", "--task", "binary", "--epochs", "1", "--quiet", "--out", "m.st"),
                of("divergence", "diverged", "train", "--data", "good.csv", "--target", "y", "--epochs", "60",
                        "--quiet", "--out", "m.st", "--metrics-json", "m.json", "--lr", "1e30", "--batch-size",
                        "full"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithNothingWritten(Hostile.Case c) throws Exception {
        Hostile.assertRefused(dir, c);
    }
}
