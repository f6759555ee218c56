package dev.descent.spark;

import dev.descent.Backends;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.Standardizer;
import dev.descent.io.MetadataValues;
import dev.descent.io.ModelFormatException;
import dev.descent.io.SafetensorsFile;
import dev.descent.io.TensorData;
import dev.descent.nn.Module;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained descent model as the Spark models hold it and ship it to executors: the description
 * {@code descent train} writes into a model file's metadata (task, architecture, feature names, target, classes,
 * standardization) and the parameters as float32 arrays. {@link #toFile()} is the descent model file
 * ({@code format = descent-model-1}, read by {@code descent predict}); {@link #fromFile} reads one back.
 *
 * <p>Serializable (Spark sends it with every transform task). Prediction builds the network once per executor
 * thread on that executor's default descent backend. Thread-safe: the shared state is immutable.
 */
final class TrainedModel implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String FORMAT = "descent-model-1";

    final Task task;
    final int classes;
    final Architecture architecture;
    final List<String> features;
    final String target;
    private final double[] mean;
    private final double[] scale;
    private final LinkedHashMap<String, float[]> parameters;
    private final LinkedHashMap<String, int[]> shapes;
    private final double[] lossHistory;
    private transient ThreadLocal<Module> networks;
    private transient Standardizer standardizer;

    TrainedModel(Task task, int classes, Architecture architecture, List<String> features, String target,
                 Standardizer standardizer, Map<String, float[]> parameters, Map<String, int[]> shapes,
                 List<Double> lossHistory) {
        this.task = task;
        this.classes = classes;
        this.architecture = architecture;
        this.features = List.copyOf(features);
        this.target = target;
        this.mean = standardizer == null ? null : standardizer.mean();
        this.scale = standardizer == null ? null : standardizer.scale();
        this.parameters = new LinkedHashMap<>(parameters);
        this.shapes = new LinkedHashMap<>(shapes);
        this.lossHistory = lossHistory.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The training loss of each step (full batch) or round (mini-batch); empty for a model read from a file. */
    double[] lossHistory() {
        return lossHistory.clone();
    }

    int outputs() {
        return task.outputs(classes);
    }

    /** The standardization applied before the network, or null. */
    Standardizer standardizer() {
        if (standardizer == null && mean != null) {
            standardizer = Standardizer.of(features, mean, scale);
        }
        return standardizer;
    }

    /** A copy of the parameter {@code name}'s values. */
    float[] parameter(String name) {
        return parameters.get(name).clone();
    }

    /** The descent model file: metadata as {@code descent train --out} writes it, tensors by name. */
    SafetensorsFile toFile() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("task", task.id());
        m.put("model", architecture.spec());
        m.put("activation", architecture.activation().id());
        m.put("features", MetadataValues.encodeStrings(features));
        m.put("target", target);
        m.put("classes", Integer.toString(classes));
        if (standardizer() != null) {
            m.putAll(standardizer().toMetadata());
        }
        m.put("trained_by", "descent-spark");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        parameters.forEach((name, values) -> tensors.put(name, new TensorData(shapes.get(name), values)));
        return new SafetensorsFile(tensors, m);
    }

    /** The model in a descent model file, checked against the architecture it describes. */
    static TrainedModel fromFile(SafetensorsFile file, String source) {
        Map<String, String> m = file.metadata();
        if (!FORMAT.equals(m.get("format"))) {
            throw new ModelFormatException(source + ": not a descent model file (metadata 'format' is "
                    + (m.get("format") == null ? "missing" : "'" + m.get("format") + "'") + ", expected '"
                    + FORMAT + "')");
        }
        Task task;
        Activation activation;
        try {
            task = Task.valueOf(MetadataValues.require(m, "task").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": bad model metadata: unknown task '" + m.get("task") + "'");
        }
        activation = Activation.parse(MetadataValues.require(m, "activation"));
        Architecture architecture = activation == null ? null
                : Architecture.parse(MetadataValues.require(m, "model"), activation);
        if (architecture == null) {
            throw new ModelFormatException(source + ": bad model metadata: model '" + m.get("model")
                    + "', activation '" + m.get("activation") + "'");
        }
        List<String> features = MetadataValues.decodeStrings(MetadataValues.require(m, "features"), "features");
        int classes = (int) MetadataValues.decodeLong(MetadataValues.require(m, "classes"), "classes");
        Standardizer standardizer = Standardizer.isPresentIn(m) ? Standardizer.fromMetadata(m) : null;
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        Module expected = architecture.build(features.size(), task.outputs(classes), Backends.getDefault(),
                new SeededRandom(0));
        for (Map.Entry<String, Tensor> e : expected.namedParameters().entrySet()) {
            TensorData data = file.tensors().get(e.getKey());
            if (data == null || !Arrays.equals(data.shape(), e.getValue().dims())) {
                throw new ModelFormatException(source + ": tensor '" + e.getKey() + "' is "
                        + (data == null ? "missing" : "of shape " + Arrays.toString(data.shape())) + ", expected "
                        + e.getValue().shape());
            }
            values.put(e.getKey(), data.values());
            shapes.put(e.getKey(), data.shape());
        }
        if (!file.tensors().keySet().equals(values.keySet())) {
            throw new ModelFormatException(source + ": the file holds tensors " + file.tensors().keySet()
                    + " but its metadata describes a model with " + values.keySet());
        }
        return new TrainedModel(task, classes, architecture, features, MetadataValues.require(m, "target"),
                standardizer, values, shapes, List.of());
    }

    /**
     * The network's raw outputs (a regression value, a binary logit, or the class logits) for one row, with the
     * model's standardization applied first, computed as {@code descent predict} computes them: the features
     * rounded to float32, standardized by core's {@link Standardizer}, then a forward pass on the local backend.
     */
    float[] outputs(double[] row) {
        if (row.length != features.size()) {
            throw new dev.descent.InvalidArgumentException("descent model: a feature vector of " + row.length
                    + " values, but the model reads " + features.size());
        }
        float[] x = new float[row.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) row[i];
        }
        if (standardizer() != null) {
            x = standardizer().transform(x);
        }
        Module net = network();
        try (NoGrad ignored = GradMode.noGrad()) {
            return net.forward(Tensor.of(net.parameters().getFirst().backend(), x, 1, x.length)).toArray();
        }
    }

    private Module network() {
        if (networks == null) {
            synchronized (this) {
                if (networks == null) {
                    networks = ThreadLocal.withInitial(this::buildNetwork);
                }
            }
        }
        return networks.get();
    }

    private Module buildNetwork() {
        Backend backend = Backends.getDefault();
        Module net = architecture.build(features.size(), outputs(), backend, new SeededRandom(0));
        try (NoGrad ignored = GradMode.noGrad()) {
            net.namedParameters().forEach((name, p) -> p.copyFrom(parameters.get(name)));
        }
        net.eval();
        return net;
    }
}
