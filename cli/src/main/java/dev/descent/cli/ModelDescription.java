package dev.descent.cli;

import dev.descent.InvalidArgumentException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.Standardizer;
import dev.descent.io.MetadataValues;
import dev.descent.io.ModelFormatException;
import dev.descent.io.SafetensorsFile;
import dev.descent.io.TensorData;
import dev.descent.nn.Linear;
import dev.descent.nn.Module;
import dev.descent.nn.ReLU;
import dev.descent.nn.Sequential;
import dev.descent.nn.Sigmoid;
import dev.descent.nn.Tanh;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import dev.descent.train.Objectives;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to rebuild a trained model for prediction, stored in the model file's {@code __metadata__}:
 * the task, the architecture, the feature columns in order, the target's name, the class count and (when used)
 * the standardization. The tensors follow PyTorch's {@code nn.Linear} layout: {@code weight} [out, in] and
 * {@code bias} [out] for the linear model, {@code layer0.weight}, {@code layer0.bias}, {@code layer1.weight}, ...
 * for an MLP's dense layers.
 *
 * @param task         regression, binary or multiclass
 * @param model        the architecture
 * @param activation   the MLP's hidden activation (ignored by the linear model)
 * @param features     feature column names, in the order the model reads them
 * @param target       the target column's name
 * @param classes      number of classes (multiclass), else 1
 * @param standardizer the fitted standardization, or null
 */
record ModelDescription(TrainOptions.Task task, ModelSpec model, TrainOptions.Activation activation,
                        List<String> features, String target, int classes, Standardizer standardizer) {
    static final String FORMAT = "descent-model-1";
    private static final String FORMAT_KEY = "format";

    int outputs() {
        return task == TrainOptions.Task.MULTICLASS ? classes : 1;
    }

    Objective objective() {
        return switch (task) {
            case REGRESSION -> Objectives.regression();
            case BINARY -> Objectives.binary();
            case MULTICLASS -> Objectives.multiclass(classes);
        };
    }

    /** A freshly initialised model (PyTorch's default initialisation drawn from {@code random}). */
    Module build(Backend backend, SeededRandom random) {
        int in = features.size();
        if (model.isLinear()) {
            return new Linear(in, outputs(), true, backend, random);
        }
        Sequential net = new Sequential();
        int width = in;
        List<Integer> hidden = model.hidden();
        for (int i = 0; i < hidden.size(); i++) {
            net.add("layer" + i, new Linear(width, hidden.get(i), true, backend, random));
            net.add("activation" + i, switch (activation) {
                case RELU -> new ReLU();
                case TANH -> new Tanh();
                case SIGMOID -> new Sigmoid();
            });
            width = hidden.get(i);
        }
        net.add("layer" + hidden.size(), new Linear(width, outputs(), true, backend, random));
        return net;
    }

    /** The metadata written into the model file. */
    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT_KEY, FORMAT);
        m.put("task", task.name().toLowerCase(java.util.Locale.ROOT));
        m.put("model", model.toString());
        m.put("activation", activation.name().toLowerCase(java.util.Locale.ROOT));
        m.put("features", MetadataValues.encodeStrings(features));
        m.put("target", target);
        m.put("classes", Integer.toString(classes));
        if (standardizer != null) {
            m.putAll(standardizer.toMetadata());
        }
        return m;
    }

    /** Reads the description of a model file, with errors that name the file and the bad entry. */
    static ModelDescription fromFile(SafetensorsFile file, Path source) {
        Map<String, String> m = file.metadata();
        String format = m.get(FORMAT_KEY);
        if (!FORMAT.equals(format)) {
            throw new ModelFormatException(source + ": not a descent model file (metadata 'format' is "
                    + (format == null ? "missing" : "'" + format + "'") + ", expected '" + FORMAT + "')");
        }
        try {
            TrainOptions.Task task = choice(TrainOptions.Task.class, m, "task");
            ModelSpec spec = new ModelSpec.Converter().convert(MetadataValues.require(m, "model"));
            TrainOptions.Activation act = choice(TrainOptions.Activation.class, m, "activation");
            List<String> features = MetadataValues.decodeStrings(MetadataValues.require(m, "features"), "features");
            int classes = (int) MetadataValues.decodeLong(MetadataValues.require(m, "classes"), "classes");
            Standardizer std = Standardizer.isPresentIn(m) ? Standardizer.fromMetadata(m) : null;
            return new ModelDescription(task, spec, act, features, MetadataValues.require(m, "target"), classes, std);
        } catch (ModelFormatException | IllegalArgumentException | picocli.CommandLine.TypeConversionException e) {
            throw new ModelFormatException(source + ": bad model metadata: " + e.getMessage());
        }
    }

    /** A metadata value that must be one of {@code type}'s constants, named in lower case. */
    private static <E extends Enum<E>> E choice(Class<E> type, Map<String, String> m, String key) {
        String value = MetadataValues.require(m, key);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(java.util.Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw new ModelFormatException("metadata entry \"" + key + "\" is \"" + value + "\", expected one of "
                + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                .toList());
    }

    /** Copies the file's tensors into {@code model}, checking that names and shapes match exactly. */
    static void load(Module model, SafetensorsFile file, Path source) {
        Map<String, Tensor> params = model.namedParameters();
        if (!params.keySet().equals(file.tensors().keySet())) {
            throw new ModelFormatException(source + ": the file holds tensors " + file.tensors().keySet()
                    + " but its metadata describes a model with " + params.keySet());
        }
        try (NoGrad ignored = GradMode.noGrad()) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                TensorData data = file.tensors().get(e.getKey());
                if (!Arrays.equals(data.shape(), e.getValue().dims())) {
                    throw new ModelFormatException(source + ": tensor '" + e.getKey() + "' has shape "
                            + Arrays.toString(data.shape()) + ", expected " + e.getValue().shape());
                }
                e.getValue().copyFrom(data.values());
            }
        }
    }

    static void requireFeatureCount(int count) {
        if (count < 1) {
            throw new InvalidArgumentException("the data has no feature columns besides the target");
        }
    }
}
