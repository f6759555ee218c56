package dev.descent.examples;

import dev.descent.Device;
import picocli.CommandLine.Option;

/**
 * The options every linear-regression example shares. Defaults are those of the classic introduction:
 * learning rate 0.01 and 1000 iterations on 100 samples.
 */
public final class TrainingOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run on (default: -Ddescent.backend, $DESCENT_BACKEND, else the fastest available).")
    String backend;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the data and the batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lr", paramLabel = "F", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000", description = "Gradient steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "100", description = "Generated samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "100", description = "Print the loss every N steps; 0 for never (default: ${DEFAULT-VALUE}).")
    int logEvery;

    /** Rejects values no run could use, naming the option and its valid range. */
    void validate() {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive finite number, got " + learningRate);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("--iterations must be >= 0, got " + iterations);
        }
        if (samples < 2) {
            throw new IllegalArgumentException("--samples must be >= 2, got " + samples);
        }
        if (logEvery < 0) {
            throw new IllegalArgumentException("--log-every must be >= 0, got " + logEvery);
        }
    }

    /** The device {@code --backend} names, else the run-time choice ({@link Device#best()}). */
    Device resolveDevice() {
        return backend == null ? Device.best() : Device.named(backend);
    }

    /** Options for programmatic use (tests): the defaults, with the given overrides. */
    public static TrainingOptions of(String backend, long seed, float learningRate, int iterations) {
        TrainingOptions o = new TrainingOptions();
        o.backend = backend;
        o.seed = seed;
        o.learningRate = learningRate;
        o.iterations = iterations;
        o.samples = 100;
        o.logEvery = 0;
        return o;
    }
}
