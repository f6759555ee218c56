package dev.descent.io.checks;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.data.Dataset;
import dev.descent.data.Standardizer;
import dev.descent.data.TargetStandardizer;
import dev.descent.io.ModelDescription;
import dev.descent.io.ModelFormatException;
import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;
import dev.descent.io.SafetensorsLimits;
import dev.descent.io.TensorData;
import dev.descent.io.TrainedModel;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.nn.Linear;
import dev.descent.nn.Module;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Model files ({@link TrainedModel}, {@link ModelDescription}) and {@link Module#stateDict()} on one backend: a
 * saved model loads back bit for bit and predicts the same; {@code descent-model-1} files still load; metadata
 * that disagrees with the tensors is refused before anything is built (issue 17, items 1 and 7); state dicts are
 * checked by name and shape. Every backend module runs these with a one-line subclass.
 */
public abstract class ModelFileChecks {
    @TempDir
    Path dir;

    /** The backend under test. */
    protected abstract Backend backend();

    private static final List<String> FEATURES = List.of("area", "rooms", "age");

    private static Dataset rows() {
        float[] x = {50, 2, 10, 120, 4, 3, 80, 3, 40};
        return Dataset.of(x, FEATURES, new float[] {100, 250, 160}, "price");
    }

    private TrainedModel mlp(Task task, int classes) {
        Dataset data = rows();
        ModelDescription d = ModelDescription.of(task, Architecture.mlp(Activation.TANH, 5, 4), FEATURES, "price",
                classes).withStandardizer(Standardizer.fit(data));
        if (task == Task.REGRESSION) {
            d = d.withTargetStandardizer(TargetStandardizer.fit(data));
        }
        return TrainedModel.of(d, d.build(backend(), new SeededRandom(7)));
    }

    private static float[] outputs(Module m, Backend backend) {
        return m.forward(Tensor.of(backend, new float[] {0.5f, -1f, 2f, 1f, 0f, -0.25f}, 2, 3)).toArray();
    }

    @Test
    void aSavedModelLoadsBackWithEverythingItNeeds() {
        for (Task task : Task.values()) {
            TrainedModel model = mlp(task, 3);
            Path file = dir.resolve(task.id() + ".safetensors");
            model.save(file);
            TrainedModel back = TrainedModel.load(file, backend());
            assertThat(back.description()).usingRecursiveComparison().isEqualTo(model.description());
            assertThat(back.module().stateDict()).isEqualTo(model.module().stateDict());
            assertThat(outputs(back.module(), backend())).containsExactly(outputs(model.module(), backend()));
            assertThat(back.toBytes()).isEqualTo(model.toBytes());
            assertThat(back.module().isTraining()).isFalse();
        }
    }

    @Test
    void theFormatIsDocumentedKeyByKey() {
        Map<String, String> meta = mlp(Task.REGRESSION, 1).toSafetensors().metadata();
        assertThat(meta).containsEntry("format", "descent-model-2").containsEntry("task", "regression")
                .containsEntry("model", "mlp:5,4").containsEntry("activation", "tanh")
                .containsEntry("features", "[\"area\",\"rooms\",\"age\"]").containsEntry("target", "price")
                .containsEntry("classes", "1").containsKeys("standardization.columns", "standardization.mean",
                        "standardization.scale", "target_standardization.mean", "target_standardization.scale");
        assertThat(mlp(Task.REGRESSION, 1).toSafetensors().tensors().keySet()).containsExactly("layer0.weight",
                "layer0.bias", "layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias");
    }

    /** A file as descent 0.1's CLI wrote it (format descent-model-1), built key by key. */
    @Test
    void descentModel1FilesKeepLoading() {
        Map<String, String> meta = new TreeMap<>(Map.of("format", "descent-model-1", "task", "binary",
                "model", "linear", "activation", "relu", "features", "[\"x1\",\"x2\"]", "target", "label",
                "classes", "1", "standardization.columns", "[\"x1\",\"x2\"]",
                "standardization.mean", "[1.5,-2.0]"));
        meta.put("standardization.scale", "[2.0,0.5]");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("bias", new TensorData(new int[] {1}, new float[] {0.25f}));
        tensors.put("weight", new TensorData(new int[] {1, 2}, new float[] {1f, -3f}));
        TrainedModel model = TrainedModel.fromSafetensors(new SafetensorsFile(tensors, meta), "old.safetensors",
                backend());
        assertThat(model.description().task()).isEqualTo(Task.BINARY);
        assertThat(model.description().standardizer().mean()).containsExactly(1.5, -2.0);
        assertThat(model.description().targetStandardizer()).isNull();
        assertThat(model.module()).isInstanceOf(Linear.class);
        assertThat(((Linear) model.module()).weight().toArray()).containsExactly(1f, -3f);
    }

    @Test
    void architectureClaimsThatDisagreeWithTheTensorsAreRefusedBeforeBuilding() {
        SafetensorsFile good = mlp(Task.REGRESSION, 1).toSafetensors();
        // Issue 17, item 1: metadata that would size a 40000 x 40000 layer (6.4 GB) from a small file.
        assertThatThrownBy(() -> load(with(good, "model", "mlp:40000,40000")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'layer0.weight' has shape [5, 3] but the metadata's model "
                        + "'mlp:40000,40000' needs [40000, 3]");
        assertThatThrownBy(() -> load(with(good, "model", "mlp:40000,40000,40000")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("m.safetensors: metadata model 'mlp:40000,40000,40000' has 4 dense layers");
        SafetensorsFile multi = with(with(good, "task", "multiclass"), "classes", "500000000");
        assertThatThrownBy(() -> load(multi.metadata().containsKey("target_standardization.mean")
                ? without(multi, "target_standardization.mean", "target_standardization.scale") : multi))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("metadata says classes=500000000 but tensor 'layer2.weight' has shape [1, 4]");
        assertThatThrownBy(() -> load(with(good, "classes", "2")))
                .hasMessageContaining("classes=2");
        assertThatThrownBy(() -> load(with(good, "features", "[\"a\",\"b\"]")))
                .hasMessageContaining("metadata entry \"features\": holds 2 elements but the model's tensors call"
                        + " for 3");
        assertThatThrownBy(() -> load(with(good, "model", "mlp:" + "1,".repeat(1_000_000) + "1")))
                .hasMessageContaining("dense layers");
    }

    @Test
    void metadataArraysAreBoundedByTheTensorShapes() {
        SafetensorsFile good = mlp(Task.REGRESSION, 1).toSafetensors();
        // Issue 17, item 7: 2M numbers where 3 belong; the parser stops at the 4th.
        String huge = "[" + "0.5,".repeat(2_000_000) + "0.5]";
        for (String key : List.of("standardization.mean", "standardization.scale")) {
            assertThatThrownBy(() -> load(with(good, key, huge)))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("metadata entry \"" + key + "\": holds more than the 3 elements");
        }
        assertThatThrownBy(() -> load(with(good, "features", "[" + "\"a\",".repeat(1_000_000) + "\"a\"]")))
                .hasMessageContaining("holds more than the 3 elements");
        assertThatThrownBy(() -> load(with(good, "target_standardization.scale", "0")))
                .hasMessageContaining("invalid target standardization");
    }

    @Test
    void wrongFilesAreRefusedWithOneLineNamingTheFile() {
        SafetensorsFile good = mlp(Task.BINARY, 1).toSafetensors();
        assertThatThrownBy(() -> load(without(good, "format")))
                .hasMessage("m.safetensors: not a descent model file (metadata 'format' is missing, expected "
                        + "'descent-model-2' or 'descent-model-1')");
        assertThatThrownBy(() -> load(with(good, "task", "zzz")))
                .hasMessage("m.safetensors: bad model metadata: task: expected regression, binary or multiclass, "
                        + "got 'zzz'");
        assertThatThrownBy(() -> load(without(good, "target")))
                .hasMessage("m.safetensors: metadata entry \"target\" is missing");
    }

    @Test
    void aModuleThatIsNotTheDescribedArchitectureIsRefusedAtSave() {
        ModelDescription d = ModelDescription.of(Task.REGRESSION, Architecture.linear(), FEATURES, "y", 1);
        Linear wrong = new Linear(2, 1, true, backend(), new SeededRandom(1));
        assertThatThrownBy(() -> TrainedModel.of(d, wrong)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("parameter 'weight' has shape [1, 2] but the description needs [1, 3]");
    }

    @Test
    void stateDictsAreCheckedByNameAndShape() {
        Linear layer = Linear.forLoading(3, 2, true, backend());
        assertThat(layer.weight().toArray()).containsOnly(0f);
        Map<String, TensorData> transposed = new LinkedHashMap<>();
        transposed.put("weight", new TensorData(new int[] {3, 2}, new float[6]));
        transposed.put("bias", new TensorData(new int[] {2}, new float[2]));
        assertThatThrownBy(() -> layer.loadStateDict(transposed)).isInstanceOf(ShapeMismatchException.class)
                .hasMessage("loadStateDict: tensor 'weight' has shape [3, 2] but the module's parameter has shape"
                        + " [2, 3]");
        Map<String, TensorData> renamed = Map.of("w", new TensorData(new int[] {2, 3}, new float[6]),
                "bias", new TensorData(new int[] {2}, new float[2]));
        assertThatThrownBy(() -> layer.loadStateDict(renamed)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("has no value for [weight]").hasMessageContaining("has no parameter [w]");
        Linear source = new Linear(3, 2, true, backend(), new SeededRandom(3));
        layer.loadStateDict(source.stateDict());
        assertThat(layer.stateDict()).isEqualTo(source.stateDict());
        assertThat(Collections.unmodifiableMap(layer.stateDict()).keySet()).containsExactly("weight", "bias");
    }

    private TrainedModel load(SafetensorsFile file) {
        // Through bytes, as a file on disk would be read.
        return TrainedModel.fromSafetensors(Safetensors.fromBytes(Safetensors.toBytes(file), "m.safetensors",
                SafetensorsLimits.DEFAULT), "m.safetensors", backend());
    }

    private static SafetensorsFile with(SafetensorsFile file, String key, String value) {
        Map<String, String> meta = new TreeMap<>(file.metadata());
        meta.put(key, value);
        return new SafetensorsFile(file.tensors(), meta);
    }

    private static SafetensorsFile without(SafetensorsFile file, String... keys) {
        Map<String, String> meta = new TreeMap<>(file.metadata());
        for (String k : keys) {
            meta.remove(k);
        }
        return new SafetensorsFile(file.tensors(), meta);
    }
}
