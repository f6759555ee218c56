package dev.descent.io;

import dev.descent.InvalidArgumentException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a training run needs to continue exactly where it stopped: the model's tensors, the optimizer's
 * state, the epoch and step reached, and the state of the run's random generator
 * ({@link dev.descent.tensor.SeededRandom#state()}). It takes and gives plain maps, so modules and optimizers
 * plug in through their own state dictionaries without this package knowing them.
 *
 * <h2>File format</h2>
 * A checkpoint is an ordinary {@link Safetensors} file, so PyTorch can open it too:
 * <ul>
 *   <li>model tensors under their own names ({@code weight}, {@code layer0.bias}, ...);</li>
 *   <li>optimizer tensors under {@value #OPTIMIZER_PREFIX} + their name
 *       ({@code optim.state.0.exp_avg});</li>
 *   <li>{@code __metadata__}: {@value #FORMAT_KEY} = {@value #FORMAT_VERSION}, {@value #EPOCH_KEY},
 *       {@value #STEP_KEY} and {@value #RNG_STATE_KEY} as decimal integers, optimizer values (step counts,
 *       hyperparameters) under {@value #OPTIMIZER_PREFIX} + their key, and the caller's own metadata (model
 *       description, standardization) under its keys.</li>
 * </ul>
 * Names and keys starting with {@value #OPTIMIZER_PREFIX} or {@code descent.checkpoint.} are reserved and refused
 * in {@code model} and {@code metadata}. Tensor values are stored bit for bit, so a resumed run continues with
 * exactly the same numbers.
 *
 * <p>{@link #write} replaces the file atomically ({@link AtomicFiles}): a run killed at any moment leaves the
 * previous checkpoint or the new one, never a broken file. Immutable (the maps are unmodifiable copies) and
 * thread-safe.
 *
 * @param epoch            the number of epochs completed
 * @param step             the number of optimizer steps taken
 * @param rngState         the run's generator state, to restore with {@code SeededRandom.setState}
 * @param model            the model's tensors by name
 * @param optimizerTensors the optimizer's buffers by name, without the prefix
 * @param optimizerValues  the optimizer's scalar state and hyperparameters as strings, without the prefix
 * @param metadata         further metadata saved alongside (model description, standardization)
 */
public record Checkpoint(int epoch, long step, long rngState, Map<String, TensorData> model,
                         Map<String, TensorData> optimizerTensors, Map<String, String> optimizerValues,
                         Map<String, String> metadata) {
    /** Prefix of optimizer tensors and values in the file. */
    public static final String OPTIMIZER_PREFIX = "optim.";
    /** Metadata key marking a checkpoint, and its format version. */
    public static final String FORMAT_KEY = "descent.checkpoint.format";
    /** The checkpoint format version written and read. */
    public static final String FORMAT_VERSION = "1";
    /** Metadata key of the completed epochs. */
    public static final String EPOCH_KEY = "descent.checkpoint.epoch";
    /** Metadata key of the optimizer steps taken. */
    public static final String STEP_KEY = "descent.checkpoint.step";
    /** Metadata key of the random generator's state. */
    public static final String RNG_STATE_KEY = "descent.checkpoint.rng_state";
    private static final String RESERVED_PREFIX = "descent.checkpoint.";

    /** Copies the maps and checks the counts are not negative. */
    public Checkpoint {
        if (epoch < 0 || step < 0) {
            throw new InvalidArgumentException("Checkpoint: epoch (" + epoch + ") and step (" + step
                    + ") must be >= 0");
        }
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        optimizerTensors = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerTensors));
        optimizerValues = Collections.unmodifiableMap(new TreeMap<>(optimizerValues));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        for (String name : model.keySet()) {
            if (name.startsWith(OPTIMIZER_PREFIX) || name.equals(Safetensors.METADATA_KEY)) {
                throw new InvalidArgumentException("Checkpoint: model tensor name \"" + name + "\" is reserved"
                        + " (names may not start with \"" + OPTIMIZER_PREFIX + "\" or be "
                        + Safetensors.METADATA_KEY + ")");
            }
        }
        for (String key : metadata.keySet()) {
            if (key.startsWith(OPTIMIZER_PREFIX) || key.startsWith(RESERVED_PREFIX)) {
                throw new InvalidArgumentException("Checkpoint: metadata key \"" + key + "\" is reserved (keys may"
                        + " not start with \"" + OPTIMIZER_PREFIX + "\" or \"" + RESERVED_PREFIX + "\")");
            }
        }
    }

    /** Atomically writes this checkpoint to {@code file}. @throws FileWriteException if it cannot be written */
    public void write(Path file) {
        Safetensors.write(file, toSafetensors());
    }

    /** This checkpoint as the safetensors content it is stored as. */
    public SafetensorsFile toSafetensors() {
        Map<String, TensorData> tensors = new LinkedHashMap<>(model);
        optimizerTensors.forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
        Map<String, String> meta = new TreeMap<>(metadata);
        optimizerValues.forEach((key, v) -> meta.put(OPTIMIZER_PREFIX + key, v));
        meta.put(FORMAT_KEY, FORMAT_VERSION);
        meta.put(EPOCH_KEY, Integer.toString(epoch));
        meta.put(STEP_KEY, Long.toString(step));
        meta.put(RNG_STATE_KEY, Long.toString(rngState));
        return new SafetensorsFile(tensors, meta);
    }

    /** Reads a checkpoint with the default limits. @throws ModelFormatException if it is missing or invalid */
    public static Checkpoint read(Path file) {
        return read(file, SafetensorsLimits.DEFAULT);
    }

    /** Reads a checkpoint. @throws ModelFormatException naming the file if it is missing or invalid */
    public static Checkpoint read(Path file, SafetensorsLimits limits) {
        return fromSafetensors(Safetensors.read(file, limits), file.toString());
    }

    /**
     * The checkpoint stored in {@code content}; {@code source} names it in messages.
     *
     * @throws ModelFormatException if it is not a descent checkpoint or a value is malformed
     */
    public static Checkpoint fromSafetensors(SafetensorsFile content, String source) {
        Map<String, String> meta = content.metadata();
        String format = meta.get(FORMAT_KEY);
        if (format == null) {
            throw new ModelFormatException(source + ": not a descent checkpoint (no metadata entry \"" + FORMAT_KEY
                    + "\"); a model file is read with Safetensors.read");
        }
        if (!format.equals(FORMAT_VERSION)) {
            throw new ModelFormatException(source + ": checkpoint format version \"" + format
                    + "\" is not supported (this version reads " + FORMAT_VERSION + ")");
        }
        try {
            long epoch = MetadataValues.decodeLong(MetadataValues.require(meta, EPOCH_KEY), EPOCH_KEY);
            long step = MetadataValues.decodeLong(MetadataValues.require(meta, STEP_KEY), STEP_KEY);
            long rng = MetadataValues.decodeLong(MetadataValues.require(meta, RNG_STATE_KEY), RNG_STATE_KEY);
            if (epoch < 0 || epoch > Integer.MAX_VALUE || step < 0) {
                throw new ModelFormatException("metadata: epoch " + epoch + " or step " + step + " out of range");
            }
            Map<String, TensorData> model = new LinkedHashMap<>();
            Map<String, TensorData> optimizerTensors = new LinkedHashMap<>();
            content.tensors().forEach((name, t) -> {
                if (name.startsWith(OPTIMIZER_PREFIX)) {
                    optimizerTensors.put(name.substring(OPTIMIZER_PREFIX.length()), t);
                } else {
                    model.put(name, t);
                }
            });
            Map<String, String> optimizerValues = new TreeMap<>();
            Map<String, String> metadata = new TreeMap<>();
            meta.forEach((key, value) -> {
                if (key.startsWith(OPTIMIZER_PREFIX)) {
                    optimizerValues.put(key.substring(OPTIMIZER_PREFIX.length()), value);
                } else if (!key.startsWith(RESERVED_PREFIX)) {
                    metadata.put(key, value);
                }
            });
            return new Checkpoint((int) epoch, step, rng, model, optimizerTensors, optimizerValues, metadata);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }
}
