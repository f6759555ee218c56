package dev.descent.cli;

import dev.descent.Backends;
import dev.descent.io.ModelDescription;
import dev.descent.io.TensorData;
import dev.descent.io.TrainedModel;
import dev.descent.data.TargetStandardizer;
import dev.descent.nn.Architecture;
import dev.descent.nn.Linear;
import dev.descent.train.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model files are one format for the library and the command line: a model saved from Java with
 * {@link TrainedModel#save} is accepted by {@code descent predict}, and one written by {@code descent train} loads
 * with {@link TrainedModel#load}.
 */
class ModelFileInteropTest {
    @TempDir
    Path dir;

    @Test
    void aModelSavedFromJavaIsAcceptedByDescentPredict() throws Exception {
        ModelDescription d = ModelDescription.of(Task.REGRESSION, Architecture.linear(), List.of("x1", "x2"), "y", 1)
                .withTargetStandardizer(new TargetStandardizer(10, 2));
        Linear layer = Linear.forLoading(2, 1, true, Backends.get("scalar"));
        Map<String, TensorData> state = new LinkedHashMap<>();
        state.put("weight", new TensorData(new int[] {1, 2}, new float[] {2f, -3f}));
        state.put("bias", new TensorData(new int[] {1}, new float[] {0.5f}));
        layer.loadStateDict(state);
        Path model = dir.resolve("java.safetensors");
        TrainedModel.of(d, layer).save(model);
        Path data = dir.resolve("rows.csv");
        Files.writeString(data, "x2,other,x1\n1,9,1\n0,9,0.25\n");

        CliProcess.Result p = CliProcess.run(dir, "predict", "--model", model.toString(), "--data", data.toString(),
                "--backend", "scalar");
        assertThat(p.exitCode()).as(p.err()).isZero();
        // (2 x1 - 3 x2 + 0.5) in standardized units, times 2 plus 10 in the target's units.
        assertThat(p.out().lines().toList()).containsExactly("prediction", "9.0", "12.0");
    }

    @Test
    void aModelWrittenByDescentTrainLoadsInJava() throws Exception {
        Path data = dir.resolve("train.csv");
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
        }
        Files.writeString(data, csv);
        Path model = dir.resolve("cli.safetensors");
        CliProcess.Result t = CliProcess.run(dir, "train", "--data", data.toString(), "--target", "label",
                "--task", "binary", "--model", "mlp:4", "--standardize", "--epochs", "2", "--backend", "scalar",
                "--out", model.toString(), "--quiet");
        assertThat(t.exitCode()).as(t.err()).isZero();

        TrainedModel loaded = TrainedModel.load(model, Backends.get("scalar"));
        assertThat(loaded.description().task()).isEqualTo(Task.BINARY);
        assertThat(loaded.description().architecture().toString()).isEqualTo("mlp:4");
        assertThat(loaded.description().features()).containsExactly("a", "b");
        assertThat(loaded.description().standardizer()).isNotNull();
        assertThat(loaded.toBytes()).isEqualTo(Files.readAllBytes(model));
    }
}
