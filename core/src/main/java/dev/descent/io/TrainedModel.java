package dev.descent.io;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.nn.Module;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A trained network together with its {@link ModelDescription}: everything needed to use it, saved to and loaded
 * from one model file in one call. The file is safetensors: the network's {@link Module#stateDict() state dict}
 * as tensors and the description as {@code __metadata__} (README, "Model files"). The command line's
 * {@code descent train --out} and {@code descent predict} write and read files through this class, so a model
 * saved from Java is one {@code descent predict} accepts, and the other way round.
 *
 * <pre>{@code
 * TrainedModel.of(description, module).save(Path.of("house.safetensors"));
 * TrainedModel loaded = TrainedModel.load(Path.of("house.safetensors"));
 * }</pre>
 *
 * <p>Loading checks the metadata against the tensors before it builds anything ({@link ModelDescription#fromFile})
 * and builds the network without drawing random numbers ({@link dev.descent.nn.Architecture#buildForLoading}).
 * Immutable as a holder; the module is the caller's (see {@link Module} for its thread-safety).
 *
 * @param description what the model is
 * @param module      the network, whose parameters match {@link ModelDescription#parameterShapes()}
 */
public record TrainedModel(ModelDescription description, Module module) {
    /**
     * Checks that {@code module}'s parameters are exactly the description's, by name and shape.
     *
     * @throws InvalidArgumentException naming the first tensor that differs
     */
    public TrainedModel {
        if (description == null || module == null) {
            throw new InvalidArgumentException("TrainedModel: description and module are required");
        }
        Map<String, int[]> expected = description.parameterShapes();
        Map<String, dev.descent.tensor.Tensor> actual = module.namedParameters();
        if (!expected.keySet().equals(actual.keySet())) {
            throw new InvalidArgumentException("TrainedModel: the module has parameters " + actual.keySet()
                    + " but a '" + description.architecture() + "' model has " + expected.keySet()
                    + " (build it with Architecture.build or ModelDescription.build)");
        }
        expected.forEach((name, shape) -> {
            if (!Arrays.equals(shape, actual.get(name).dims())) {
                throw new InvalidArgumentException("TrainedModel: parameter '" + name + "' has shape "
                        + actual.get(name).shape() + " but the description needs " + Arrays.toString(shape));
            }
        });
    }

    /** Pairs {@code module} with {@code description} (see the constructor's checks). */
    public static TrainedModel of(ModelDescription description, Module module) {
        return new TrainedModel(description, module);
    }

    /**
     * A thread-safe {@link Predictor} for serving this model (weights copied to the host now; later changes to
     * the module do not reach it).
     */
    public Predictor predictor() {
        return Predictor.of(this);
    }

    /** The model file's content: the state dict and the description's metadata. */
    public SafetensorsFile toSafetensors() {
        return new SafetensorsFile(module.stateDict(), description.toMetadata());
    }

    /** The model file's bytes. */
    public byte[] toBytes() {
        return Safetensors.toBytes(toSafetensors());
    }

    /** Writes the model file atomically (temporary file, fsync, rename; see {@link AtomicFiles}). */
    public void save(Path file) {
        Safetensors.write(file, toSafetensors());
    }

    /** Loads a model file onto the default device ({@link Device#best()}). */
    public static TrainedModel load(Path file) {
        return load(file, Device.best());
    }

    /**
     * Loads a model file onto {@code device}, with {@link SafetensorsLimits#DEFAULT}.
     *
     * @throws ModelFormatException naming the file and what is wrong with it
     */
    public static TrainedModel load(Path file, Device device) {
        return fromSafetensors(Safetensors.read(file), file.toString(), device);
    }

    /**
     * The model in already-read file content; {@code source} names it in messages.
     *
     * @throws ModelFormatException naming the source and what is wrong
     */
    public static TrainedModel fromSafetensors(SafetensorsFile file, String source, Device device) {
        ModelDescription description = ModelDescription.fromFile(file, source);
        Module module = description.architecture().buildForLoading(description.features().size(),
                description.outputs(), device);
        module.loadStateDict(file.tensors());
        module.eval();
        return new TrainedModel(description, module);
    }
}
