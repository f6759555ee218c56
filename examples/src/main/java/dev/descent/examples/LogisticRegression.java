package dev.descent.examples;

import dev.descent.Device;
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

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Example 4: logistic regression on two Gaussian clusters: one {@link Linear} layer producing a logit,
 * {@link Losses#bceWithLogits}, autograd gradients and full-batch SGD from {@code dev.descent.optim}. The learned boundary
 * approaches the optimal line {@code x0 + x1 = 0} (about 92% accuracy).
 */
@Command(name = "logistic", mixinStandardHelpOptions = true,
        description = "Logistic regression on two Gaussian clusters (Linear + binary cross-entropy, autograd).")
public final class LogisticRegression implements Callable<Integer> {
    @Mixin
    ClassifierOptions options = ClassifierOptions.of(null, 42, 0.5f, 300, 200, 50);

    /** The trained layer and its result, for tests. */
    public record Outcome(Linear model, ClassifierResult result) {
    }

    @Override
    public Integer call() {
        run(options, System.out);
        return 0;
    }

    /** Runs the example, printing progress and the result to {@code out}. */
    public static Outcome run(ClassifierOptions options, PrintStream out) {
        options.validate();
        Device device = options.resolveDevice();
        SeededRandom random = new SeededRandom(options.seed);
        ClassificationData data = ClassificationData.blobs(device, random, options.samples);
        Tensor targets = data.labelColumn();
        Linear model = new Linear(2, 1, true, device, random);
        Optimizer optimizer = Optimizer.of(Sgd.of(options.learningRate), model.parameters());
        out.printf(Locale.ROOT, "logistic regression on %s: %d points, lr %s, %d iterations%n", device.name(),
                data.size(), options.learningRate, options.iterations);
        for (int step = 1; step <= options.iterations; step++) {
            Tensor loss = Losses.bceWithLogits(model.forward(data.x()), targets);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (options.logEvery > 0 && step % options.logEvery == 0) {
                ClassifierResult r = evaluate(device, model, data, targets);
                out.printf(Locale.ROOT, "step %5d  loss %.6f  accuracy %.2f%%%n", step, r.loss(), 100 * r.accuracy());
            }
        }
        ClassifierResult result = evaluate(device, model, data, targets);
        result.print(out);
        return new Outcome(model, result);
    }

    private static ClassifierResult evaluate(Device device, Linear model, ClassificationData data, Tensor targets) {
        try (NoGrad _ = GradMode.noGrad()) {
            Tensor logits = model.forward(data.x());
            float[] values = logits.toArray();
            int[] predicted = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                predicted[i] = values[i] > 0f ? 1 : 0;
            }
            return new ClassifierResult(device.name(), Losses.bceWithLogits(logits, targets).item(),
                    data.accuracy(predicted));
        }
    }
}
