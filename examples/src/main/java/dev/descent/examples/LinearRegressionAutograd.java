package dev.descent.examples;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.nn.Linear;
import dev.descent.nn.Losses;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
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
 * Example 3: the linear regression of examples 1 and 2 with autograd instead of hand-written derivatives: a
 * {@link Linear} layer, {@link Losses#mse}, {@code loss.backward()} and {@link Sgd}. Full batch by
 * default (example 1); {@code --batch-size N} draws random mini-batches (example 2).
 */
@Command(name = "linear-autograd", mixinStandardHelpOptions = true,
        description = "Fit y = 3x + noise with a Linear layer, MSE loss and autograd gradients.")
public final class LinearRegressionAutograd implements Callable<Integer> {
    @Mixin
    TrainingOptions options = new TrainingOptions();

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "0",
            description = "Samples per step, drawn at random without repetition; 0 for the full batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        run(options, batchSize, System.out);
        return 0;
    }

    /** Runs the example ({@code batchSize} 0: full batch), printing progress and the result to {@code out}. */
    public static FitResult run(TrainingOptions options, int batchSize, PrintStream out) {
        options.validate();
        if (batchSize < 0 || batchSize > options.samples) {
            throw new InvalidArgumentException("--batch-size must be in 0.." + options.samples + ", got " + batchSize);
        }
        Device device = options.resolveDevice();
        SeededRandom random = new SeededRandom(options.seed);
        LinearData data = LinearData.generate(device, random, options.samples);
        Linear model = new Linear(1, 1, true, device, random);
        Optimizer optimizer = Optimizer.of(Sgd.of(options.learningRate), model.parameters());
        out.printf(Locale.ROOT, "autograd %s on %s: %d samples, lr %s, %d iterations%n",
                batchSize == 0 ? "full-batch gradient descent" : "mini-batch SGD (batch " + batchSize + ")",
                device.name(), data.size(), options.learningRate, options.iterations);
        for (int step = 1; step <= options.iterations; step++) {
            Tensor x = data.x();
            Tensor y = data.y();
            if (batchSize > 0) {
                int[] batch = Arrays.copyOf(random.permutation(data.size()), batchSize);
                x = x.gatherRows(batch);
                y = y.gatherRows(batch);
            }
            Tensor loss = Losses.mse(model.forward(x), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (options.logEvery > 0 && step % options.logEvery == 0) {
                out.printf(Locale.ROOT, "step %5d  loss %.6f%n", step, fullLoss(model, data));
            }
        }
        LinearData.Line best = data.leastSquares();
        FitResult result = new FitResult(device.name(), model.weight().item(), model.bias().item(),
                fullLoss(model, data), best, best.meanSquaredError(data));
        result.print(out);
        return result;
    }

    private static double fullLoss(Linear model, LinearData data) {
        try (NoGrad _ = GradMode.noGrad()) {
            return Losses.mse(model.forward(data.x()), data.y()).item();
        }
    }
}
