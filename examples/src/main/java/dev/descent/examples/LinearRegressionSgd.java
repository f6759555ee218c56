package dev.descent.examples;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Example 2: linear regression fitted by mini-batch stochastic gradient descent: each step draws a batch of
 * distinct samples at random (10 by default) and takes a gradient step on it alone. With a constant learning
 * rate the parameters end in a small neighbourhood of the least-squares line rather than exactly on it.
 */
@Command(name = "linear-sgd", mixinStandardHelpOptions = true,
        description = "Fit y = 3x + noise by mini-batch SGD on random batches (hand-written gradients).")
public final class LinearRegressionSgd implements Callable<Integer> {
    @Mixin
    TrainingOptions options = new TrainingOptions();

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10",
            description = "Samples per step, drawn at random without repetition (default: ${DEFAULT-VALUE}).")
    int batchSize = 10;

    @Override
    public Integer call() {
        run(options, batchSize, System.out);
        return 0;
    }

    /** Runs the example, printing progress and the result to {@code out}. */
    public static FitResult run(TrainingOptions options, int batchSize, PrintStream out) {
        options.validate();
        if (batchSize < 1 || batchSize > options.samples) {
            throw new InvalidArgumentException("--batch-size must be in 1.." + options.samples + ", got " + batchSize);
        }
        Device device = options.resolveDevice();
        SeededRandom random = new SeededRandom(options.seed);
        LinearData data = LinearData.generate(device, random, options.samples);
        LinearModel model = new LinearModel(device);
        out.printf(Locale.ROOT, "mini-batch SGD on %s: %d samples, batch %d, lr %s, %d iterations%n", device.name(),
                data.size(), batchSize, options.learningRate, options.iterations);
        for (int step = 1; step <= options.iterations; step++) {
            int[] batch = Arrays.copyOf(random.permutation(data.size()), batchSize);
            Tensor x = data.x().gatherRows(batch);
            Tensor y = data.y().gatherRows(batch);
            model.step(x, y, options.learningRate);
            if (options.logEvery > 0 && step % options.logEvery == 0) {
                out.printf(Locale.ROOT, "step %5d  loss %.6f%n", step, model.loss(data.x(), data.y()));
            }
        }
        FitResult result = Results.of(device, model, data);
        result.print(out);
        return result;
    }
}
