package dev.descent.examples;

import dev.descent.Device;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.nn.Linear;
import dev.descent.nn.Losses;
import dev.descent.nn.Sequential;
import dev.descent.nn.Tanh;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Example 5: a small multi-layer perceptron classifying scikit-learn's two moons, which no linear model can
 * separate: {@code Linear(2, h) - Tanh - Linear(h, h) - Tanh - Linear(h, 2)}, softmax cross-entropy on the
 * integer labels, autograd gradients and full-batch SGD from {@code dev.descent.optim}.
 */
@Command(name = "mlp", mixinStandardHelpOptions = true,
        description = "An MLP classifier on the two-moons data (Sequential, Tanh, cross-entropy, autograd).")
public final class MlpClassifier implements Callable<Integer> {
    @Mixin
    ClassifierOptions options = ClassifierOptions.of(null, 42, 0.5f, 1000, 200, 100);

    @Option(names = "--hidden", paramLabel = "N", description = "Units per hidden layer (default: ${DEFAULT-VALUE}).")
    int hidden = 16;

    @Option(names = "--noise", paramLabel = "F", description = "Standard deviation of the noise on the moons (default: ${DEFAULT-VALUE}).")
    double noise = 0.1;

    @Override
    public Integer call() {
        run(options, hidden, noise, System.out);
        return 0;
    }

    /** Runs the example, printing progress and the result to {@code out}. */
    public static ClassifierResult run(ClassifierOptions options, int hidden, double noise, PrintStream out) {
        options.validate();
        if (hidden < 1) {
            throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("--noise must be a finite number >= 0, got " + noise);
        }
        Device device = options.resolveDevice();
        SeededRandom random = new SeededRandom(options.seed);
        ClassificationData data = ClassificationData.twoMoons(device, random, options.samples, noise);
        Sequential model = new Sequential(
                new Linear(2, hidden, true, device, random), new Tanh(),
                new Linear(hidden, hidden, true, device, random), new Tanh(),
                new Linear(hidden, 2, true, device, random));
        Optimizer optimizer = Optimizer.of(Sgd.of(options.learningRate), model.parameters());
        out.printf(Locale.ROOT, "MLP on two moons on %s: %d points, noise %s, %d parameters, lr %s, %d iterations%n",
                device.name(), data.size(), noise, model.parameterCount(), options.learningRate, options.iterations);
        for (int step = 1; step <= options.iterations; step++) {
            Tensor loss = Losses.crossEntropy(model.forward(data.x()), data.labels());
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (options.logEvery > 0 && step % options.logEvery == 0) {
                ClassifierResult r = evaluate(device, model, data);
                out.printf(Locale.ROOT, "step %5d  loss %.6f  accuracy %.2f%%%n", step, r.loss(), 100 * r.accuracy());
            }
        }
        ClassifierResult result = evaluate(device, model, data);
        result.print(out);
        return result;
    }

    private static ClassifierResult evaluate(Device device, Sequential model, ClassificationData data) {
        try (NoGrad _ = GradMode.noGrad()) {
            model.eval();
            Tensor logits = model.forward(data.x());
            model.train();
            float[] classes = logits.argmax(1).toArray();
            int[] predicted = new int[classes.length];
            for (int i = 0; i < classes.length; i++) {
                predicted[i] = (int) classes[i];
            }
            return new ClassifierResult(device.name(), Losses.crossEntropy(logits, data.labels()).item(),
                    data.accuracy(predicted));
        }
    }
}
