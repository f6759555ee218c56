package dev.descent.examples;

import dev.descent.Device;
import dev.descent.tensor.SeededRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Example 1: linear regression fitted by full-batch gradient descent. Every step uses all samples, so the loss
 * falls monotonically for a small enough learning rate and the fit approaches the least-squares line.
 */
@Command(name = "linear-gd", mixinStandardHelpOptions = true,
        description = "Fit y = 3x + noise by full-batch gradient descent (hand-written gradients).")
public final class LinearRegressionGd implements Callable<Integer> {
    @Mixin
    TrainingOptions options = new TrainingOptions();

    @Override
    public Integer call() {
        run(options, System.out);
        return 0;
    }

    /** Runs the example, printing progress and the result to {@code out}. */
    public static FitResult run(TrainingOptions options, PrintStream out) {
        options.validate();
        Device device = options.resolveDevice();
        SeededRandom random = new SeededRandom(options.seed);
        LinearData data = LinearData.generate(device, random, options.samples);
        LinearModel model = new LinearModel(device);
        out.printf(Locale.ROOT, "full-batch gradient descent on %s: %d samples, lr %s, %d iterations%n",
                device.name(), data.size(), options.learningRate, options.iterations);
        for (int step = 1; step <= options.iterations; step++) {
            model.step(data.x(), data.y(), options.learningRate);
            if (options.logEvery > 0 && step % options.logEvery == 0) {
                out.printf(Locale.ROOT, "step %5d  loss %.6f%n", step, model.loss(data.x(), data.y()));
            }
        }
        FitResult result = Results.of(device, model, data);
        result.print(out);
        return result;
    }
}
