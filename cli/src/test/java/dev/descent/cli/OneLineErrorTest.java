package dev.descent.cli;

import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;
import dev.descent.io.TensorData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.descent.cli.Hostile.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise of one line on stderr and no stack trace: whatever the files hold (control characters, NUL
 * bytes, terminal escape sequences, labels that float32 cannot hold, model metadata that names no known task),
 * and wherever the failure happens (after the backend was chosen, on resume, when memory is short), a failing
 * run prints exactly one printable line that names the file, line and column or the option at fault, and no
 * INFO line about the backend, without {@code --quiet}. With progress output the error is still the last line.
 */
class OneLineErrorTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws Exception {
        Fixtures.copyTrained(shared);
        CliProcess.Result r = CliProcess.run(shared, "train", "--data", "good.csv", "--target", "y", "--epochs", "2",
                "--checkpoint", "run.ckpt", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @BeforeEach
    void inputs() throws Exception {
        for (String name : new String[] {"good.csv", "model.safetensors", "run.ckpt", "run.ckpt.losses"}) {
            Fixtures.copy(shared, dir, name);
        }
        Files.writeString(dir.resolve("escape.csv"), "x\u001b]0;pwned\u0007,\u001b[31mred,y\n1,2,3\n");
        Files.writeString(dir.resolve("bidi.csv"), "x,y\u202e\n1,2\n");
        Files.writeString(dir.resolve("nul.csv"), "a,b,y\n1,2,3\u0000\n");
        Files.writeString(dir.resolve("blank-lines.csv"), "x,y\n\n\n1,0\n\n2,1.5\n");
        Files.writeString(dir.resolve("label-2-24.csv"), "x,y\n1,16777216\n2,0\n");
        Files.writeString(dir.resolve("binary-labels.csv"), "x,y\n1,0\n\n2,1\n3,7\n");
        model("task-zzz.safetensors", m -> m.metadata().put("task", "zzz"));
        model("no-target.safetensors", m -> m.metadata().remove("target"));
        model("escape-model.safetensors", m -> m.metadata().put("activation", "\u001b]2;x\u0007"));
        model("wrong-shape.safetensors", m -> m.tensors().put("weight", new TensorData(new int[] {1, 3},
                new float[3])));
    }

    /** The trained model with its tensors or metadata changed by {@code edit}. */
    private void model(String name, Consumer<Editable> edit) {
        SafetensorsFile original = Safetensors.read(dir.resolve("model.safetensors"));
        Editable copy = new Editable(new LinkedHashMap<>(original.tensors()), new LinkedHashMap<>(original.metadata()));
        edit.accept(copy);
        Safetensors.write(dir.resolve(name), new SafetensorsFile(copy.tensors(), copy.metadata()));
    }

    /** A model file's content, open to change. */
    record Editable(Map<String, TensorData> tensors, Map<String, String> metadata) {
    }

    static Stream<Hostile.Case> cases() {
        String[] train = {"train", "--target", "y", "--epochs", "1"};
        return Stream.of(
                of("terminal escapes in a header, quoted in the error", "\\u001B]0;pwned\\u0007",
                        "train", "--data", "escape.csv", "--target", "nope"),
                of("a bidirectional override in a header", "\\u202E", "train", "--data", "bidi.csv", "--target", "y"),
                of("a NUL byte in a cell", "nul.csv:2:3: column \"y\": cell \"3\\u0000\"",
                        CliProcess.concat(train, "--data", "nul.csv")),
                of("a bad label after blank lines: file, line, column", "blank-lines.csv:6:2",
                        CliProcess.concat(train, "--data", "blank-lines.csv", "--task", "multiclass")),
                of("a binary label of 7", "binary-labels.csv:5:2", CliProcess.concat(train, "--data",
                        "binary-labels.csv", "--task", "binary")),
                of("label 16777216 is past what float32 holds", "label 16777216 is too large",
                        CliProcess.concat(train, "--data", "label-2-24.csv", "--task", "multiclass")),
                of("model metadata with an unknown task", "task-zzz.safetensors: bad model metadata: task: expected"
                        + " regression, binary or multiclass, got 'zzz'", "predict",
                        "--model", "task-zzz.safetensors", "--data", "good.csv"),
                of("model metadata without a target, named with its file", "no-target.safetensors:", "predict",
                        "--model", "no-target.safetensors", "--data", "good.csv"),
                of("escape sequences in model metadata", "\\u001B]2;x\\u0007", "predict", "--model",
                        "escape-model.safetensors", "--data", "good.csv"),
                of("a tensor shape that disagrees with the metadata", "wrong-shape.safetensors: ",
                        "predict", "--model", "wrong-shape.safetensors", "--data", "good.csv"),
                of("a resume mismatch, without --quiet", "--resume: checkpoint run.ckpt belongs to another run",
                        "train", "--data", "good.csv", "--target", "y", "--epochs", "3", "--checkpoint", "run.ckpt",
                        "--resume", "--lr", "50"),
                of("a model too large for the heap, without --quiet", "needs about", "train", "--data", "good.csv",
                        "--target", "y", "--model", "mlp:40000,40000"),
                of("an unknown task", "--task", CliProcess.concat(train, "--data", "good.csv", "--task", "zzz")),
                of("an option value with control characters", "\\u001B[2J", CliProcess.concat(train, "--data",
                        "good.csv", "--batch-size", "\u001b[2J")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exactlyOnePrintableLine(Hostile.Case c) throws Exception {
        Hostile.assertRefused(dir, c);
    }

    @Test
    void withProgressTheErrorIsTheLastLineAndTheBackendLineComesWithTheProgress() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "train", "--data", "good.csv", "--target", "y", "--lr", "1e30",
                "--batch-size", "full", "--epochs", "60");
        assertThat(r.exitCode()).isEqualTo(1);
        List<String> lines = r.errorLines();
        assertThat(lines.size()).as(r.err()).isGreaterThan(1);
        assertThat(lines.getFirst()).startsWith("INFO: descent backend");
        Hostile.assertCleanError(lines.getLast(), "diverged");
        assertThat(lines.subList(0, lines.size() - 1)).noneMatch(l -> l.startsWith("descent"));
    }

    @Test
    void aSuccessfulPredictionPrintsNothingOnStderr() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "predict", "--model", "model.safetensors", "--data", "good.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.errorLines()).isEmpty();
    }
}
