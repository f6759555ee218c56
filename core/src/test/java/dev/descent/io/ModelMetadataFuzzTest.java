package dev.descent.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the model-file metadata (Jazzer), which {@link SafetensorsFuzzTest} leaves
 * unexercised: a small, well-formed set of dense-layer tensors with metadata values chosen by the fuzzer (the
 * format, task, architecture, activation, feature names, target, class count and both standardizations, each
 * either plausible or arbitrary text, arrays of any length). The property: {@link ModelDescription#fromFile}
 * either describes a model whose parameter shapes are exactly the file's tensors, with one feature name per
 * input, or fails with a {@link ModelFormatException} naming the source; never another exception, never an
 * allocation sized by a claim in the metadata (a 20-million-entry array or {@code mlp:40000,40000} over tensors
 * of a few floats), never a hang.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the checked-in corpus (if any) as a unit test; CI fuzzes it for a few
 * seconds like the readers (SECURITY.md).
 */
class ModelMetadataFuzzTest {
    private static final String[] KEYS = {"format", "task", "model", "activation", "features", "target", "classes",
            "standardization.columns", "standardization.mean", "standardization.scale", "target_standardization.mean",
            "target_standardization.scale"};

    @FuzzTest(maxDuration = "5m")
    void describesOrFailsWithModelFormatException(FuzzedDataProvider data) {
        int inputs = data.consumeInt(1, 4);
        int outputs = data.consumeInt(1, 4);
        int layers = data.consumeInt(1, 3);
        List<Integer> widths = new ArrayList<>(List.of(inputs));
        for (int i = 1; i < layers; i++) {
            widths.add(data.consumeInt(1, 4));
        }
        widths.add(outputs);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (int i = 0; i + 1 < widths.size(); i++) {
            String prefix = layers == 1 ? "" : "layer" + i + ".";
            int in = widths.get(i);
            int out = widths.get(i + 1);
            if (data.consumeInt(0, 15) == 0) {
                out = data.consumeInt(1, 5);   // a shape that disagrees now and then
            }
            tensors.put(prefix + "weight", new TensorData(new int[] {out, in}, new float[out * in]));
            tensors.put(prefix + "bias", new TensorData(new int[] {out}, new float[out]));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        String hidden = widths.subList(1, widths.size() - 1).stream().map(String::valueOf)
                .reduce((a, b) -> a + "," + b).orElse("");
        String[] plausible = {
            data.pickValue(new String[] {ModelDescription.FORMAT, ModelDescription.FORMAT_1}),
            data.pickValue(new String[] {"regression", "binary", "multiclass"}),
            layers == 1 ? "linear" : "mlp:" + hidden,
            data.pickValue(new String[] {"relu", "tanh", "sigmoid"}),
            names(inputs), "y", Integer.toString(outputs), names(inputs), numbers(inputs), numbers(inputs), "[0.5]",
            "[2.0]"};
        for (int k = 0; k < KEYS.length; k++) {
            switch (data.consumeInt(0, k < 7 ? 3 : 5)) {
                case 0 -> metadata.put(KEYS[k], data.consumeString(80));
                case 1 -> metadata.put(KEYS[k], "[" + "0,".repeat(data.consumeInt(0, 2_000_000)) + "1]");
                case 2, 3 -> metadata.put(KEYS[k], plausible[k]);
                default -> { }   // absent
            }
        }
        SafetensorsFile file = new SafetensorsFile(tensors, metadata);
        ModelDescription description;
        try {
            description = ModelDescription.fromFile(file, "fuzz");
        } catch (ModelFormatException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz: ");
            return;
        }
        Map<String, int[]> shapes = description.parameterShapes();
        assertThat(shapes.keySet()).isEqualTo(tensors.keySet());
        shapes.forEach((name, shape) -> assertThat(shape).isEqualTo(tensors.get(name).shape()));
        assertThat(description.features()).hasSize(inputs);
        assertThat(Arrays.stream(tensors.values().toArray(TensorData[]::new)).mapToLong(TensorData::size).sum())
                .isLessThan(1000);
    }

    private static String names(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"x").append(i).append('"');
        }
        return sb.append(']').toString();
    }

    private static String numbers(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(i + 1);
        }
        return sb.append(']').toString();
    }
}
