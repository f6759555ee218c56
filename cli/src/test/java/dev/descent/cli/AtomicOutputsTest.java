package dev.descent.cli;

import dev.descent.io.Safetensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.descent.cli.Hostile.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise that outputs are atomic and all-or-nothing: an output that exists and is not a regular file (a
 * pipe, a directory) is refused rather than replaced by a regular file; a symbolically linked output replaces
 * the link's target in the target's folder and keeps the link; standard output is written through only when
 * asked ({@code predict --out -} or {@code /dev/stdout}); and when one output cannot be written after training,
 * none of the others appears either.
 */
class AtomicOutputsTest {
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
        Fixtures.copy(shared, dir, "model.safetensors");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.createDirectory(dir.resolve("folder"));
        Files.createSymbolicLink(dir.resolve("pipe-link"), Path.of("pipe"));
    }

    static Stream<Hostile.Case> specialFiles() {
        String[] train = {"train", "--data", "good.csv", "--target", "y", "--epochs", "1", "--quiet"};
        return Stream.of(
                of("--out is a named pipe", "not a regular file", CliProcess.concat(train, "--out", "pipe")),
                of("--plot is a named pipe", "not a regular file", CliProcess.concat(train, "--plot", "pipe")),
                of("--metrics-json is a link to a named pipe", "not a regular file",
                        CliProcess.concat(train, "--metrics-json", "pipe-link")),
                of("--checkpoint is a named pipe", "not a regular file",
                        CliProcess.concat(train, "--checkpoint", "pipe")),
                of("--out is a directory", "is a directory", CliProcess.concat(train, "--out", "folder")),
                of("--metrics-json is /dev/stdout (redirected to a file)", "names a file descriptor",
                        CliProcess.concat(train, "--metrics-json", "/dev/stdout")),
                of("--plot is /proc/self/fd/1", "names a file descriptor", CliProcess.concat(train, "--plot",
                        "/proc/self/fd/1")),
                of("predict --out is a named pipe", "not a regular file", "predict", "--model", "model.safetensors",
                        "--data", "good.csv", "--out", "pipe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specialFiles")
    void specialFilesAreRefusedNotReplaced(Hostile.Case c) throws Exception {
        Hostile.assertRefused(dir, c);
        assertThat(Files.isRegularFile(dir.resolve("pipe"))).isFalse();
    }

    @Test
    void aLinkedOutputReplacesItsTargetInTheTargetsFolderAndStaysALink() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("model.st"), "old model");
        Files.createSymbolicLink(dir.resolve("model-link.st"), elsewhere.resolve("model.st"));
        CliProcess.Result r = CliProcess.run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "1",
                "--quiet", "--out", "model-link.st");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(dir.resolve("model-link.st"))).isTrue();
        assertThat(Safetensors.read(elsewhere.resolve("model.st")).tensors()).containsKeys("weight", "bias");
        assertThat(hiddenFiles(dir)).isEmpty();
        assertThat(hiddenFiles(elsewhere)).isEmpty();
    }

    @Test
    void predictWritesThroughToStandardOutputOnlyWhenAsked() throws Exception {
        for (String out : List.of("-", "/dev/stdout")) {
            CliProcess.Result r = CliProcess.run(dir, "predict", "--model", "model.safetensors", "--data", "good.csv",
                    "--out", out);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().lines().toList()).hasSize(41).first().isEqualTo("prediction");
        }
        assertThat(dir.resolve("-")).doesNotExist();
    }

    /**
     * The plot's folder disappears while training runs: writing the plot fails after training, and the model and
     * metrics, which could be written, must not appear either. A machine fast enough to finish before the folder
     * is gone gets a longer run.
     */
    @Test
    void oneOutputFailingAfterTrainingLeavesNoneWritten() throws Exception {
        Files.writeString(dir.resolve("model.st"), "previous model");
        for (int epochs = 400; ; epochs *= 10) {
            Path plots = Files.createDirectory(dir.resolve("plots"));
            Path checkpoint = dir.resolve("run.ckpt");
            Files.deleteIfExists(checkpoint);
            Process p = CliProcess.builder(dir, List.of(), "dev.descent.cli.DescentCli", "train", "--data", "good.csv",
                            "--target", "y", "--epochs", Integer.toString(epochs), "--batch-size", "full", "--quiet",
                            "--checkpoint", checkpoint.toString(), "--out", "model.st", "--metrics-json",
                            "metrics.json", "--plot", "plots/loss.svg")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Files.delete(plots);
            String err = new String(p.getErrorStream().readAllBytes()).lines()
                    .filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n")
                    .trim();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() == 0 && epochs < 400_000) {
                Files.writeString(dir.resolve("model.st"), "previous model");
                Files.deleteIfExists(dir.resolve("metrics.json"));
                continue;   // finished before the folder was removed: try a longer run
            }
            assertThat(p.exitValue()).as(err).isEqualTo(1);
            assertThat(err.lines().count()).as(err).isEqualTo(1);
            Hostile.assertCleanError(err, "plots");
            assertThat(Files.readString(dir.resolve("model.st"))).isEqualTo("previous model");
            assertThat(dir.resolve("metrics.json")).doesNotExist();
            assertThat(hiddenFiles(dir)).isEmpty();
            return;
        }
    }

    private static List<Path> hiddenFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
