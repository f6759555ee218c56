package dev.descent.io;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.data.Standardizer;
import dev.descent.data.TargetStandardizer;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.nn.Module;
import dev.descent.tensor.SeededRandom;
import dev.descent.train.Objective;
import dev.descent.train.Task;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything besides the weights that a trained model needs to be used: the task, the architecture, the feature
 * columns in the order the model reads them, the target's name, the class count, and the fitted feature and
 * target standardizations (each optional). It is the {@code __metadata__} of a model file
 * ({@link #toMetadata()}, {@link #fromFile}); the format is documented in the README under "Model files".
 *
 * <p>Immutable and thread-safe.
 *
 * @param task               regression, binary or multiclass
 * @param architecture       linear or an MLP
 * @param features           feature column names, in order, distinct
 * @param target             the target column's name
 * @param classes            the class count for multiclass (>= 2), else 1
 * @param standardizer       the feature standardization over exactly {@code features}, or null
 * @param targetStandardizer the target standardization (regression only), or null
 */
public record ModelDescription(Task task, Architecture architecture, List<String> features, String target,
                               int classes, Standardizer standardizer, TargetStandardizer targetStandardizer) {
    /** The format written by this version: {@value}. */
    public static final String FORMAT = "descent-model-2";
    /** The first format: the same keys without the target standardization; still read. */
    public static final String FORMAT_1 = "descent-model-1";
    /** The metadata key naming the format. */
    public static final String FORMAT_KEY = "format";

    /**
     * Checks that the parts agree.
     *
     * @throws InvalidArgumentException naming the part that does not fit
     */
    public ModelDescription {
        if (task == null || architecture == null || features == null || target == null) {
            throw new InvalidArgumentException("ModelDescription: task, architecture, features and target are "
                    + "required");
        }
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new InvalidArgumentException("ModelDescription: the model needs at least one feature column");
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw new InvalidArgumentException("ModelDescription: feature names must be distinct, got " + features);
        }
        if (task == Task.MULTICLASS ? classes < 2 : classes != 1) {
            throw new InvalidArgumentException("ModelDescription: " + task.id() + " needs classes "
                    + (task == Task.MULTICLASS ? ">= 2" : "= 1") + ", got " + classes);
        }
        if (standardizer != null && !standardizer.columns().equals(features)) {
            throw new InvalidArgumentException("ModelDescription: the standardizer was fitted on columns "
                    + standardizer.columns() + " but the model reads " + features);
        }
        if (targetStandardizer != null && task != Task.REGRESSION) {
            throw new InvalidArgumentException("ModelDescription: a target standardization needs the regression "
                    + "task, not " + task.id());
        }
    }

    /**
     * A description for {@code task} without standardization; {@code classes} is ignored unless multiclass.
     */
    public static ModelDescription of(Task task, Architecture architecture, List<String> features, String target,
                                      int classes) {
        return new ModelDescription(task, architecture, features, target, task == Task.MULTICLASS ? classes : 1,
                null, null);
    }

    /** This description with the feature standardization {@code value} (or none for null). */
    public ModelDescription withStandardizer(Standardizer value) {
        return new ModelDescription(task, architecture, features, target, classes, value, targetStandardizer);
    }

    /** This description with the target standardization {@code value} (or none for null). */
    public ModelDescription withTargetStandardizer(TargetStandardizer value) {
        return new ModelDescription(task, architecture, features, target, classes, standardizer, value);
    }

    /** The number of model outputs: the class count for multiclass, else 1. */
    public int outputs() {
        return task.outputs(classes);
    }

    /** The training objective of the task. */
    public Objective objective() {
        return task.objective(classes);
    }

    /** A freshly initialised network of this description (PyTorch's default initialisation from {@code random}). */
    public Module build(Device device, SeededRandom random) {
        return architecture.build(features.size(), outputs(), device, random);
    }

    /** Every parameter's name and shape, as {@link Architecture#parameterShapes(int, int)}. */
    public Map<String, int[]> parameterShapes() {
        return architecture.parameterShapes(features.size(), outputs());
    }

    /** The metadata entries of a model file, in {@link #FORMAT}. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT_KEY, FORMAT);
        m.put("task", task.id());
        m.put("model", architecture.toString());
        m.put("activation", architecture.activation().id());
        m.put("features", MetadataValues.encodeStrings(features));
        m.put("target", target);
        m.put("classes", Integer.toString(classes));
        if (standardizer != null) {
            m.putAll(standardizer.toMetadata());
        }
        if (targetStandardizer != null) {
            m.putAll(targetStandardizer.toMetadata());
        }
        return m;
    }

    /**
     * Reads the description of a model file and checks it against the file's tensors before anything is built:
     * the architecture, the feature count and the class count must give exactly the tensors the file holds,
     * name by name and shape by shape, and every metadata array is parsed with the element count those shapes
     * call for as its bound. So no allocation is sized by a claim in the metadata (SECURITY.md).
     *
     * @param source names the file in messages
     * @throws ModelFormatException naming the file and the bad entry or tensor
     */
    public static ModelDescription fromFile(SafetensorsFile file, String source) {
        Map<String, String> m = file.metadata();
        String format = m.get(FORMAT_KEY);
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw new ModelFormatException(source + ": not a descent model file (metadata 'format' is "
                    + (format == null ? "missing" : "'" + abbreviate(format) + "'") + ", expected '" + FORMAT
                    + "' or '" + FORMAT_1 + "')");
        }
        try {
            Task task = Task.parse(MetadataValues.require(m, "task"));
            Activation activation = Activation.parse(MetadataValues.require(m, "activation"));
            Map<String, TensorData> tensors = file.tensors();
            String model = MetadataValues.require(m, "model");
            // A dense layer is two tensors, so the file bounds the number of layers the metadata may claim.
            long layers = model.trim().startsWith("mlp:") ? model.chars().filter(c -> c == ',').count() + 2 : 1;
            if (2 * layers != tensors.size()) {
                throw new ModelFormatException(source + ": metadata model '" + abbreviate(model) + "' has " + layers
                        + " dense layers (" + 2 * layers + " tensors) but the file holds " + tensors.size()
                        + " tensors: " + shapes(tensors));
            }
            Architecture architecture = Architecture.parse(model, activation, (int) layers - 1);
            String firstWeight = architecture.isLinear() ? "weight" : "layer0.weight";
            String lastWeight = architecture.isLinear() ? "weight" : "layer" + architecture.hidden().size() + ".weight";
            if (!tensors.containsKey(firstWeight) || !tensors.containsKey(lastWeight)
                    || tensors.get(firstWeight).shape().length != 2 || tensors.get(lastWeight).shape().length != 2) {
                throw new ModelFormatException(source + ": model '" + architecture + "' needs 2-d tensors '"
                        + firstWeight + "' and '" + lastWeight + "'; the file holds " + shapes(tensors));
            }
            int inputs = tensors.get(firstWeight).shape()[1];
            long classes = MetadataValues.decodeLong(MetadataValues.require(m, "classes"), "classes");
            int outputs = tensors.get(lastWeight).shape()[0];
            long expectedClasses = task == Task.MULTICLASS ? outputs : 1;
            if (classes != expectedClasses) {
                throw new ModelFormatException(source + ": metadata says classes=" + classes + " but tensor '"
                        + lastWeight + "' has shape " + Arrays.toString(tensors.get(lastWeight).shape())
                        + (task == Task.MULTICLASS ? " (" + outputs + " classes)" : " and a " + task.id()
                        + " model has classes=1"));
            }
            checkTensors(architecture.parameterShapes(inputs, task.outputs((int) classes)), tensors, architecture,
                    source);
            List<String> features = MetadataValues.decodeStrings(MetadataValues.require(m, "features"),
                    "features", inputs);
            Standardizer standardizer = Standardizer.isPresentIn(m) ? Standardizer.fromMetadata(m, inputs) : null;
            TargetStandardizer targetStandardizer = TargetStandardizer.isPresentIn(m)
                    ? TargetStandardizer.fromMetadata(m) : null;
            return new ModelDescription(task, architecture, features, MetadataValues.require(m, "target"),
                    (int) classes, standardizer, targetStandardizer);
        } catch (ModelFormatException e) {
            throw e.getMessage().startsWith(source + ": ") ? e
                    : new ModelFormatException(source + ": " + e.getMessage(), e);
        } catch (InvalidArgumentException e) {
            throw new ModelFormatException(source + ": bad model metadata: " + e.getMessage(), e);
        }
    }

    private static void checkTensors(Map<String, int[]> expected, Map<String, TensorData> tensors,
                                     Architecture architecture, String source) {
        if (!expected.keySet().equals(tensors.keySet())) {
            throw new ModelFormatException(source + ": the file holds tensors " + tensors.keySet()
                    + " but its metadata describes a model '" + architecture + "' with " + expected.keySet());
        }
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            int[] actual = tensors.get(e.getKey()).shape();
            if (!Arrays.equals(actual, e.getValue())) {
                throw new ModelFormatException(source + ": tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(actual) + " but the metadata's model '" + architecture + "' needs "
                        + Arrays.toString(e.getValue()));
            }
        }
    }

    private static String shapes(Map<String, TensorData> tensors) {
        StringBuilder sb = new StringBuilder("{");
        int shown = 0;
        for (Map.Entry<String, TensorData> t : tensors.entrySet()) {
            if (shown++ == 8) {
                sb.append(", ... ").append(tensors.size() - 8).append(" more");
                break;
            }
            sb.append(shown == 1 ? "" : ", ").append(abbreviate(t.getKey())).append(Arrays.toString(t.getValue().shape()));
        }
        return sb.append('}').toString();
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
