package dev.descent.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input to {@code descent train} and {@code predict}: a non-zero exit, exactly one line on
 * stderr that names the problem, no stack trace, no new output file, and an existing output file untouched.
 */
class BadInputTest {
    private static final String OLD = "previous contents";

    @TempDir
    Path dir;

    @BeforeEach
    void writeInputs() throws Exception {
        Files.writeString(dir.resolve("good.csv"), "x1,x2,y\n1,2,3\n2,3,5\n3,5,8\n4,1,0\n");
        Files.writeString(dir.resolve("empty.csv"), "");
        Files.writeString(dir.resolve("ragged.csv"), "x1,x2,y\n1,2,3\n2,3\n");
        Files.writeString(dir.resolve("text.csv"), "x1,x2,y\n1,2,3\n2,abc,5\n");
        Files.writeString(dir.resolve("nan.csv"), "x1,x2,y\n1,2,3\n2,NaN,5\n");
        Files.writeString(dir.resolve("inf.csv"), "x1,x2,y\n1,2,3\n2,Infinity,5\n");
        Files.writeString(dir.resolve("fraction.csv"), "x1,x2,y\n1,2,0\n2,3,1.5\n");
        Files.writeString(dir.resolve("binary3.csv"), "x1,x2,y\n1,2,0\n2,3,2\n");
        Files.writeString(dir.resolve("negative.csv"), "x1,x2,y\n1,2,0\n2,3,-1\n");
        Files.writeString(dir.resolve("corrupt.safetensors"), "not a model");
        Files.writeString(dir.resolve("model.safetensors"), OLD);
        Files.writeString(dir.resolve("pred.csv"), OLD);
    }

    static Stream<Arguments> badTrainRuns() {
        return Stream.of(
                Arguments.of("missing file", List.of("--data", "nope.csv", "--target", "y"), "nope.csv"),
                Arguments.of("empty file", List.of("--data", "empty.csv", "--target", "y"), "empty.csv"),
                Arguments.of("ragged row", List.of("--data", "ragged.csv", "--target", "y"), "ragged.csv:3"),
                Arguments.of("non-numeric cell", List.of("--data", "text.csv", "--target", "y"), "text.csv:3:2"),
                Arguments.of("NaN cell", List.of("--data", "nan.csv", "--target", "y"), "nan.csv:3:2"),
                Arguments.of("Inf cell", List.of("--data", "inf.csv", "--target", "y"), "inf.csv:3:2"),
                Arguments.of("missing target column", List.of("--data", "good.csv", "--target", "price"), "price"),
                Arguments.of("zero learning rate", List.of("--data", "good.csv", "--target", "y", "--lr", "0"), "--lr"),
                Arguments.of("negative learning rate", List.of("--data", "good.csv", "--target", "y", "--lr", "-0.1"), "--lr"),
                Arguments.of("NaN learning rate", List.of("--data", "good.csv", "--target", "y", "--lr", "NaN"), "--lr"),
                Arguments.of("zero batch size", List.of("--data", "good.csv", "--target", "y", "--batch-size", "0"), "--batch-size"),
                Arguments.of("word batch size", List.of("--data", "good.csv", "--target", "y", "--batch-size", "half"), "--batch-size"),
                Arguments.of("zero epochs", List.of("--data", "good.csv", "--target", "y", "--epochs", "0"), "--epochs"),
                Arguments.of("unknown backend", List.of("--data", "good.csv", "--target", "y", "--backend", "quantum"), "quantum"),
                Arguments.of("unknown option", List.of("--data", "good.csv", "--target", "y", "--colour", "red"), "--colour"),
                Arguments.of("missing --data", List.of("--target", "y"), "--data"),
                Arguments.of("bad task", List.of("--data", "good.csv", "--target", "y", "--task", "ranking"), "--task"),
                Arguments.of("bad model", List.of("--data", "good.csv", "--target", "y", "--model", "mlp:0"), "--model"),
                Arguments.of("option of another optimizer", List.of("--data", "good.csv", "--target", "y", "--beta1", "0.8"), "--beta1"),
                Arguments.of("beta out of range", List.of("--data", "good.csv", "--target", "y", "--optimizer", "adam", "--beta1", "1.5"), "beta"),
                Arguments.of("nesterov without momentum", List.of("--data", "good.csv", "--target", "y", "--nesterov"), "nesterov"),
                Arguments.of("resume without checkpoint", List.of("--data", "good.csv", "--target", "y", "--resume"), "--checkpoint"),
                Arguments.of("non-integer class label", List.of("--data", "fraction.csv", "--target", "y", "--task", "multiclass"), "1.5"),
                Arguments.of("negative class label", List.of("--data", "negative.csv", "--target", "y", "--task", "multiclass"), "-1"),
                Arguments.of("binary label out of range", List.of("--data", "binary3.csv", "--target", "y", "--task", "binary"), "binary3.csv:3:3"),
                Arguments.of("output directory missing", List.of("--data", "good.csv", "--target", "y", "--metrics-json", "no/such/dir/m.json"), "no/such/dir"),
                Arguments.of("diverging run", List.of("--data", "good.csv", "--target", "y", "--lr", "1e30", "--batch-size", "full", "--epochs", "50"), "diverged"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTrainRuns")
    void trainRejects(String what, List<String> options, String named) throws Exception {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(options);
        args.addAll(List.of("--out", "model.safetensors", "--metrics-json", "metrics.json", "--plot", "loss.svg",
                "--quiet"));
        if (options.contains("--metrics-json")) {
            args.subList(args.size() - 6, args.size() - 4).clear();
        }
        assertRejected(CliProcess.run(dir, args.toArray(String[]::new)), named);
        assertThat(Files.readString(dir.resolve("model.safetensors"))).isEqualTo(OLD);
        assertThat(dir.resolve("metrics.json")).doesNotExist();
        assertThat(dir.resolve("loss.svg")).doesNotExist();
    }

    @Test
    void predictRejectsACorruptModel() throws Exception {
        assertRejected(CliProcess.run(dir, "predict", "--model", "corrupt.safetensors", "--data", "good.csv", "--out",
                "pred.csv"), "corrupt.safetensors");
        assertThat(Files.readString(dir.resolve("pred.csv"))).isEqualTo(OLD);
    }

    @Test
    void predictRejectsDataWithoutTheModelsFeatures() throws Exception {
        Path model = dir.resolve("trained.safetensors");
        CliProcess.Result trained = CliProcess.run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "2",
                "--out", model.toString(), "--quiet");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Files.writeString(dir.resolve("other.csv"), "x1,z\n1,2\n");
        assertRejected(CliProcess.run(dir, "predict", "--model", model.toString(), "--data", "other.csv", "--out",
                "pred.csv"), "x2");
        assertThat(Files.readString(dir.resolve("pred.csv"))).isEqualTo(OLD);
    }

    private static void assertRejected(CliProcess.Result r, String named) {
        assertThat(r.exitCode()).as("exit code; stderr: " + r.err()).isNotZero();
        assertThat(r.errorLines()).as("stderr").hasSize(1);
        assertThat(r.errorLines().get(0)).contains(named).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
