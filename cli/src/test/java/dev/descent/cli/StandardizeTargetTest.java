package dev.descent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.descent.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --standardize-target}: the target is z-scored for training, the statistics are saved in the model file,
 * and the metrics and {@code predict}'s output come back in the target's units; the metrics JSON carries the
 * regression and classification keys of the contract.
 */
class StandardizeTargetTest {
    @TempDir
    Path dir;

    @Test
    void predictionsAndMetricsAreInTheTargetsUnits() throws Exception {
        Path data = dir.resolve("big.csv");
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        Random r = new Random(2);
        for (int i = 0; i < 200; i++) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            double noise = 100 * r.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.3f%n", a, b, 50_000 + 20_000 * a - 8_000 * b + noise));
        }
        Files.writeString(data, csv);
        Path model = dir.resolve("m.safetensors");
        Path metrics = dir.resolve("m.json");
        CliProcess.Result t = CliProcess.run(dir, "train", "--data", data.toString(), "--target", "y",
                "--standardize", "--standardize-target", "--batch-size", "full", "--lr", "0.5", "--epochs", "300",
                "--backend", "scalar", "--out", model.toString(), "--metrics-json", metrics.toString(), "--quiet");
        assertThat(t.exitCode()).as(t.err()).isZero();
        // The mean of 50000 + 20000 a - 8000 b over uniform a, b is near 56000.
        assertThat(Double.parseDouble(Safetensors.read(model).metadata().get("target_standardization.mean")))
                .isBetween(55_000.0, 57_000.0);
        String json = Files.readString(metrics);
        assertThat(keys(json, "train")).containsExactly("loss", "mse", "r2", "mae", "rmse");
        assertThat(number(json, "train", "r2")).isGreaterThan(0.99);
        // The noise's standard deviation is 100 in the target's units (about 0.016 in standardized units), so
        // the mean absolute error is near 80 when the metrics are in the target's units.
        assertThat(number(json, "train", "mae")).isBetween(40.0, 200.0);
        assertThat(number(json, "train", "rmse")).isBetween(50.0, 250.0);

        CliProcess.Result p = CliProcess.run(dir, "predict", "--model", model.toString(), "--data", data.toString(),
                "--backend", "scalar");
        assertThat(p.exitCode()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        String[] first = csv.toString().lines().skip(1).findFirst().orElseThrow().split(",");
        assertThat(Double.parseDouble(lines.get(1))).isCloseTo(Double.parseDouble(first[2]), within(600.0));
    }

    @Test
    void theOptionIsForRegressionOnly() throws Exception {
        Path data = dir.resolve("b.csv");
        Files.writeString(data, "x,label\n1,0\n2,1\n3,0\n4,1\n");
        CliProcess.Result t = CliProcess.run(dir, "train", "--data", data.toString(), "--target", "label",
                "--task", "binary", "--standardize-target", "--quiet");
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err()).contains("--standardize-target applies to --task regression, not to --task binary");
    }

    @Test
    void classificationMetricsJsonHasTheContractsKeys() throws Exception {
        Path data = dir.resolve("c.csv");
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i % 3).append('\n');
        }
        Files.writeString(data, csv);
        Path metrics = dir.resolve("c.json");
        CliProcess.Result t = CliProcess.run(dir, "train", "--data", data.toString(), "--target", "label",
                "--task", "multiclass", "--standardize", "--epochs", "2", "--backend", "scalar", "--test-data",
                data.toString(), "--metrics-json", metrics.toString(), "--quiet");
        assertThat(t.exitCode()).as(t.err()).isZero();
        String json = Files.readString(metrics);
        for (String part : List.of("train", "test")) {
            assertThat(keys(json, part)).containsExactly("loss", "accuracy", "precision", "recall", "f1",
                    "log_loss", "confusion_matrix");
        }
        assertThat(json.replaceAll("\\s", "")).containsPattern("\"confusion_matrix\":\\[\\[\\d+,\\d+,\\d+],"
                + "\\[\\d+,\\d+,\\d+],\\[\\d+,\\d+,\\d+]]");
        assertThat(t.out()).doesNotContain("precision");
    }

    /** The field names of the object {@code field} of the document, in order. */
    private static List<String> keys(String json, String field) throws Exception {
        List<String> names = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(field)) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        names.add(p.currentName());
                        p.nextToken();
                        p.skipChildren();
                    }
                    return names;
                }
                p.skipChildren();
            }
        }
        return names;
    }

    private static double number(String json, String field, String key) throws Exception {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(field)) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        p.nextToken();
                        if (k.equals(key)) {
                            return p.getDoubleValue();
                        }
                        p.skipChildren();
                    }
                }
                p.skipChildren();
            }
        }
        throw new AssertionError(key + " not in " + field);
    }
}
