package dev.descent.cli;

import dev.descent.io.Checkpoint;
import dev.descent.io.MetadataValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.descent.cli.Hostile.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The promise that {@code --resume} continues only the same run: a checkpoint written with another task,
 * model, data file (other feature names, or the same names with other values), optimizer option, batch size,
 * seed, shuffling, initialisation or standardization is refused with one line naming the first difference, and
 * the checkpoint is left as it was; a loss history that does not belong to the checkpoint is refused. Options a
 * user may change ({@code --epochs}) are applied and announced, and the result is the uninterrupted run's, bit
 * for bit. Checkpoints written before the loss history moved beside them still resume, and a checkpoint costs
 * the same bytes at epoch 1 and at epoch 100.
 */
class ResumeSameRunTest {
    private static final String[] BASE = {"train", "--data", "good.csv", "--target", "y", "--epochs", "6",
            "--checkpoint", "run.ckpt", "--resume", "--quiet"};

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void checkpoints() throws Exception {
        Fixtures.writeData(shared);
        Files.writeString(shared.resolve("renamed.csv"), Files.readString(shared.resolve("good.csv"))
                .replaceFirst("x1,x2,y", "a,b,y"));
        Files.writeString(shared.resolve("other-values.csv"), Files.readString(shared.resolve("good.csv"))
                .replaceFirst("\n[^\n]*\n", "\n0.5,0.5,0.5\n"));
        run(shared, "train", "--data", "good.csv", "--target", "y", "--epochs", "3", "--checkpoint", "run.ckpt",
                "--quiet");
        run(shared, "train", "--data", "binary.csv", "--target", "y", "--task", "binary", "--epochs", "3",
                "--checkpoint", "binary.ckpt", "--quiet");
    }

    private static CliProcess.Result run(Path dir, String... args) throws Exception {
        CliProcess.Result r = CliProcess.run(dir, args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    @BeforeEach
    void inputs() throws Exception {
        for (String name : new String[] {"good.csv", "binary.csv", "renamed.csv", "other-values.csv", "run.ckpt",
                "run.ckpt.losses", "binary.ckpt", "binary.ckpt.losses"}) {
            Fixtures.copy(shared, dir, name);
        }
    }

    static Stream<Hostile.Case> mismatches() {
        return Stream.of(
                of("--lr changed", "--optimizer and its options was", CliProcess.concat(BASE, "--lr", "50")),
                of("another optimizer", "--optimizer", CliProcess.concat(BASE, "--optimizer", "adam")),
                of("--momentum added", "--optimizer", CliProcess.concat(BASE, "--momentum", "0.9")),
                of("--seed changed", "--seed was \"0\" there and is \"4\" now", CliProcess.concat(BASE, "--seed", "4")),
                of("--batch-size changed", "--batch-size", CliProcess.concat(BASE, "--batch-size", "8")),
                of("--no-shuffle", "--shuffle", CliProcess.concat(BASE, "--no-shuffle")),
                of("--init zeros", "--init", CliProcess.concat(BASE, "--init", "zeros")),
                of("--standardize added", "--standardize", CliProcess.concat(BASE, "--standardize")),
                of("another --model", "--model", CliProcess.concat(BASE, "--model", "mlp:4")),
                of("a binary checkpoint resumed as regression", "--task was \"binary\" there", "train", "--data",
                        "binary.csv", "--target", "y", "--epochs", "6", "--checkpoint", "binary.ckpt", "--resume",
                        "--task", "regression", "--quiet"),
                of("another file with other feature names", "the feature columns", "train", "--data", "renamed.csv",
                        "--target", "y", "--epochs", "6", "--checkpoint", "run.ckpt", "--resume", "--quiet"),
                of("the same columns with other values", "the training data (--data)", "train", "--data",
                        "other-values.csv", "--target", "y", "--epochs", "6", "--checkpoint", "run.ckpt", "--resume",
                        "--quiet"),
                of("fewer epochs than the checkpoint has", "beyond the 2 epochs", "train", "--data", "good.csv",
                        "--target", "y", "--epochs", "2", "--checkpoint", "run.ckpt", "--resume", "--quiet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void anotherRunsCheckpointIsRefusedAndLeftAsItWas(Hostile.Case c) throws Exception {
        Hostile.assertRefused(dir, c);
    }

    @Test
    void aLossHistoryThatDoesNotBelongToTheCheckpointIsRefused() throws Exception {
        Path history = dir.resolve("run.ckpt.losses");
        byte[] bytes = Files.readAllBytes(history);
        bytes[bytes.length - 1] ^= 1;
        Files.write(history, bytes);
        Hostile.assertRefused(dir, of("edited history", "does not match checkpoint", BASE));
        Files.delete(history);
        Hostile.assertRefused(dir, of("missing history", "run.ckpt.losses is missing", BASE));
    }

    @Test
    void moreEpochsAreAppliedAnnouncedAndEndBitIdenticalToAnUninterruptedRun() throws Exception {
        run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "6", "--out", "reference.st",
                "--metrics-json", "reference.json", "--quiet");
        CliProcess.Result resumed = run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "6",
                "--checkpoint", "run.ckpt", "--resume", "--out", "resumed.st", "--metrics-json", "resumed.json");
        assertThat(resumed.err()).contains("resuming at epoch 4 with --epochs 6 (the checkpoint's run asked for 3)");
        assertThat(Files.readAllBytes(dir.resolve("resumed.st"))).isEqualTo(Files.readAllBytes(dir.resolve("reference.st")));
        assertThat(lossHistory(dir.resolve("resumed.json"))).isEqualTo(lossHistory(dir.resolve("reference.json")));
    }

    /** A checkpoint in the format of before: loss history in its metadata, no history file, no run keys. */
    @Test
    void aCheckpointWithItsHistoryInTheMetadataStillResumes() throws Exception {
        Checkpoint current = Checkpoint.read(dir.resolve("run.ckpt"));
        ByteBuffer history = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("run.ckpt.losses")), 8,
                current.epoch() * 8).order(ByteOrder.LITTLE_ENDIAN);
        double[] losses = new double[current.epoch()];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = history.getDouble();
        }
        Map<String, String> metadata = new TreeMap<>(current.metadata());
        metadata.keySet().removeIf(k -> k.startsWith("descent."));
        metadata.put("descent.train.loss_history", MetadataValues.encodeDoubles(losses));
        new Checkpoint(current.epoch(), current.step(), current.rngState(), current.model(),
                current.optimizerTensors(), current.optimizerValues(), metadata).write(dir.resolve("old.ckpt"));

        run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "6", "--out", "reference.st",
                "--metrics-json", "reference.json", "--quiet");
        run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "6", "--checkpoint", "old.ckpt",
                "--resume", "--out", "resumed.st", "--metrics-json", "resumed.json", "--quiet");
        assertThat(Files.readAllBytes(dir.resolve("resumed.st"))).isEqualTo(Files.readAllBytes(dir.resolve("reference.st")));
        assertThat(lossHistory(dir.resolve("resumed.json"))).isEqualTo(lossHistory(dir.resolve("reference.json")));
        assertThat(Files.size(dir.resolve("old.ckpt.losses"))).isEqualTo(8 + 6 * 8);
    }

    @Test
    void aCheckpointCostsTheSameAtEveryEpoch() throws Exception {
        run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "1", "--batch-size", "full",
                "--checkpoint", "one.ckpt", "--quiet");
        run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "100", "--batch-size", "full",
                "--checkpoint", "many.ckpt", "--quiet");
        // Only the digits of the epoch, step and CRC counters differ; the history used to add ~20 bytes an epoch.
        assertThat(Files.size(dir.resolve("many.ckpt"))).isCloseTo(Files.size(dir.resolve("one.ckpt")), within(32L));
        assertThat(Files.size(dir.resolve("many.ckpt.losses"))).isEqualTo(8 + 100 * 8);
        assertThat(Checkpoint.read(dir.resolve("many.ckpt")).epoch()).isEqualTo(100);
    }

    static List<String> lossHistory(Path metricsJson) throws Exception {
        Matcher m = Pattern.compile("\"loss_history\" : \\[([^\\]]*)]").matcher(Files.readString(metricsJson));
        assertThat(m.find()).isTrue();
        return List.of(m.group(1).replaceAll("\\s", "").split(","));
    }
}
