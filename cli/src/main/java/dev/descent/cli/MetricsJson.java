package dev.descent.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.descent.train.Metrics;
import dev.descent.train.TrainingResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The {@code --metrics-json} document: {@code {"backend", "epochs", "steps", "loss_history": [...],
 * "train": {...}, "test": {...}, "seconds", "samples_per_second"}}, where {@code train} and {@code test} hold
 * {@code "loss", "mse", "r2", "mae", "rmse"} for regression and {@code "loss", "accuracy", "precision", "recall",
 * "f1", "log_loss"} (plus {@code "roc_auc"} for binary) and {@code "confusion_matrix"} (rows = true class,
 * columns = predicted, counts) for classification. {@code test} is present only with {@code --test-data};
 * non-finite numbers are written as null (JSON has no NaN).
 */
final class MetricsJson {
    private MetricsJson() {
    }

    /** Writes a throw-away document through the generator calls of {@link #render}: Jackson's warm-up. */
    static void warmUp() throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(new ByteArrayOutputStream(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("backend", "warm-up");
            json.writeArrayFieldStart("loss_history");
            number(json, 0.5);
            number(json, Double.NaN);
            json.writeEndArray();
            json.writeNumberField("epochs", 1);
            json.writeEndObject();
        }
    }

    static byte[] render(String backend, TrainingResult result, Metrics train, Metrics test) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("backend", backend);
            json.writeNumberField("epochs", result.epochs());
            json.writeNumberField("steps", result.steps());
            json.writeArrayFieldStart("loss_history");
            for (double v : result.lossHistory()) {
                number(json, v);
            }
            json.writeEndArray();
            metrics(json, "train", train);
            if (test != null) {
                metrics(json, "test", test);
            }
            json.writeFieldName("seconds");
            number(json, result.seconds());
            json.writeFieldName("samples_per_second");
            number(json, result.samplesPerSecond());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void metrics(JsonGenerator json, String name, Metrics metrics) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : metrics.values().entrySet()) {
            json.writeFieldName(e.getKey());
            number(json, e.getValue());
        }
        long[][] confusion = metrics.confusionMatrix();
        if (confusion != null) {
            json.writeArrayFieldStart("confusion_matrix");
            for (long[] row : confusion) {
                json.writeStartArray();
                for (long count : row) {
                    json.writeNumber(count);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, double v) throws IOException {
        if (Double.isFinite(v)) {
            json.writeNumber(v);
        } else {
            json.writeNull();
        }
    }
}
