package dev.descent.examples;

import dev.descent.Device;
import picocli.CommandLine.Option;

/**
 * The options the classification examples share. Each example creates it with its own defaults (picocli uses
 * the field values as defaults).
 */
public final class ClassifierOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run on (default: -Ddescent.backend, $DESCENT_BACKEND, else the fastest available).")
    String backend;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the data and the initial weights (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--lr", paramLabel = "F", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--iterations", paramLabel = "N", description = "Full-batch gradient steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--samples", paramLabel = "N", description = "Generated points (default: ${DEFAULT-VALUE}).")
    int samples = 200;

    @Option(names = "--log-every", paramLabel = "N", description = "Print loss and accuracy every N steps; 0 for never (default: ${DEFAULT-VALUE}).")
    int logEvery;

    ClassifierOptions() {
    }

    /** Options with the given defaults, for the examples' fields and for tests. */
    public static ClassifierOptions of(String backend, long seed, float learningRate, int iterations, int samples,
                                       int logEvery) {
        ClassifierOptions o = new ClassifierOptions();
        o.backend = backend;
        o.seed = seed;
        o.learningRate = learningRate;
        o.iterations = iterations;
        o.samples = samples;
        o.logEvery = logEvery;
        return o;
    }

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
}
