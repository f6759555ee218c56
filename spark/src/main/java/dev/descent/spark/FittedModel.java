package dev.descent.spark;

import dev.descent.Backends;
import dev.descent.io.ModelDescription;
import dev.descent.io.Predictor;
import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;
import dev.descent.io.SafetensorsLimits;
import dev.descent.io.TensorData;
import dev.descent.io.TrainedModel;
import dev.descent.nn.Module;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Spark model holds: the descent model file's bytes (core's format, written by core's
 * {@link TrainedModel}, so {@code descent predict} and the Java {@link Predictor} read it as they read a model of
 * {@code descent train}), and the training loss history. Serializable: Spark ships it with every transform task,
 * where it is served by core's {@link Predictor} (host evaluation: the same bits in every JVM and JIT state, those
 * of {@code descent predict --backend scalar}).
 *
 * <p>Thread-safe: the bytes are never changed; the predictor is thread-safe.
 */
final class FittedModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] file;
    private final double[] lossHistory;
    private final double[] secondsHistory;
    private transient volatile Predictor predictor;
    private transient ModelDescription description;

    private FittedModel(byte[] file, double[] lossHistory, double[] secondsHistory) {
        this.file = file;
        this.lossHistory = lossHistory;
        this.secondsHistory = secondsHistory;
        this.description = ModelDescription.fromFile(content(), "model");
    }

    /** The model trained by a distributed run: parameters by name, described by {@code description}. */
    static FittedModel of(ModelDescription description, TrainingRun run) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        run.parameters().forEach((name, values) -> tensors.put(name, new TensorData(run.shapes().get(name), values)));
        Module module = description.architecture().buildForLoading(description.features().size(),
                description.outputs(), Backends.getDefault());
        module.loadStateDict(tensors);
        byte[] bytes = TrainedModel.of(description, module).toBytes();
        return new FittedModel(bytes, run.loss().stream().mapToDouble(Double::doubleValue).toArray(),
                run.seconds().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The model in a model file's {@code bytes} (checked as {@code descent predict} checks it).
     *
     * @throws dev.descent.io.ModelFormatException naming {@code source} and what is wrong
     */
    static FittedModel read(byte[] bytes, String source) {
        TrainedModel.fromSafetensors(Safetensors.fromBytes(bytes, source, SafetensorsLimits.DEFAULT), source,
                Backends.getDefault());
        return new FittedModel(bytes, new double[0], new double[0]);
    }

    /** The model file's bytes (a copy). */
    byte[] bytes() {
        return file.clone();
    }

    /** The model's description (task, architecture, features, standardization). */
    ModelDescription description() {
        if (description == null) {
            description = ModelDescription.fromFile(content(), "model");
        }
        return description;
    }

    /** A core {@link Predictor} serving this model on the host. */
    Predictor predictor() {
        return TrainedModel.fromSafetensors(content(), "model", Backends.getDefault()).predictor();
    }

    /** The training loss of each step (full batch) or round (mini-batch); empty for a model read from a file. */
    double[] lossHistory() {
        return lossHistory.clone();
    }

    /** Seconds from the start of training to the end of each step or round; empty for a model read from a file. */
    double[] secondsHistory() {
        return secondsHistory.clone();
    }

    /** The values of parameter {@code name} (for tests). */
    float[] parameter(String name) {
        return content().tensors().get(name).values();
    }

    /** The parsed model file. */
    SafetensorsFile content() {
        return Safetensors.fromBytes(file, "model", SafetensorsLimits.DEFAULT);
    }

    /** The prediction for one row: the value (regression) or the class index, as core's {@link Predictor}. */
    double predict(double[] row) {
        return serving().predict(toFloats(row));
    }

    /** The class probabilities of one row, as core's {@link Predictor#predictProba(float[])}. */
    double[] probabilities(double[] row) {
        return serving().predictProba(toFloats(row));
    }

    /** The raw class scores (logits) of one row, as core's {@link Predictor#logits(float[])}. */
    double[] logits(double[] row) {
        return serving().logits(toFloats(row));
    }

    private float[] toFloats(double[] row) {
        List<String> features = description().features();
        if (row.length != features.size()) {
            throw new dev.descent.InvalidArgumentException("descent model: a feature vector of " + row.length
                    + " values, but the model reads " + features.size() + " " + features);
        }
        float[] x = new float[row.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) row[i];
        }
        return x;
    }

    private Predictor serving() {
        Predictor p = predictor;
        if (p == null) {
            synchronized (this) {
                if (predictor == null) {
                    predictor = predictor();
                }
                p = predictor;
            }
        }
        return p;
    }
}
