package dev.descent.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AutogradExamplesTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void autogradLinearRegressionReachesTheLeastSquaresLine() {
        FitResult r = LinearRegressionAutograd.run(TrainingOptions.of("scalar", 42, 0.5f, 2000), 0, QUIET);
        assertThat(r.weight()).isCloseTo(r.best().weight(), within(1e-4));
        assertThat(r.bias()).isCloseTo(r.best().bias(), within(1e-4));
        assertThat(r.loss()).isCloseTo(r.bestLoss(), within(1e-6));
    }

    @Test
    void autogradGradientsEqualTheHandWrittenOnes() {
        // Same data, same zero start is not available (Linear draws its initial weights), so compare the
        // end points of a converged run instead: both examples land on the least-squares line.
        FitResult byHand = LinearRegressionGd.run(TrainingOptions.of("scalar", 42, 0.5f, 2000), QUIET);
        FitResult byAutograd = LinearRegressionAutograd.run(TrainingOptions.of("scalar", 42, 0.5f, 2000), 0, QUIET);
        assertThat(byAutograd.weight()).isCloseTo(byHand.weight(), within(1e-4));
        assertThat(byAutograd.bias()).isCloseTo(byHand.bias(), within(1e-4));
    }

    @Test
    void autogradMiniBatchSgdEndsNearTheLeastSquaresLine() {
        FitResult r = LinearRegressionAutograd.run(TrainingOptions.of("scalar", 7, 0.05f, 20000), 10, QUIET);
        assertThat(r.weight()).isCloseTo(r.best().weight(), within(0.05));
        assertThat(r.bias()).isCloseTo(r.best().bias(), within(0.05));
        assertThat(r.loss()).isLessThan(r.bestLoss() * 1.01);
    }

    @Test
    void logisticRegressionFindsTheOptimalBoundary() {
        LogisticRegression.Outcome o = LogisticRegression.run(ClassifierOptions.of("scalar", 42, 0.5f, 300, 400, 0),
                QUIET);
        assertThat(o.result().accuracy()).isGreaterThan(0.88);
        // The optimal boundary x0 + x1 = 0: equal weights, zero bias.
        float[] w = o.model().weight().toArray();
        double cosine = (w[0] + w[1]) / Math.sqrt(2 * (w[0] * w[0] + w[1] * w[1]));
        assertThat(cosine).isGreaterThan(0.98);
        assertThat(Math.abs(o.model().bias().item()) / Math.hypot(w[0], w[1])).isLessThan(0.2);
    }

    @Test
    void mlpSeparatesTheTwoMoons() {
        ClassifierResult r = MlpClassifier.run(ClassifierOptions.of("scalar", 42, 0.5f, 500, 200, 0), 16, 0.1, QUIET);
        assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void mlpIsDeterministicBySeed() {
        ClassifierResult a = MlpClassifier.run(ClassifierOptions.of("scalar", 5, 0.5f, 50, 100, 0), 8, 0.1, QUIET);
        ClassifierResult b = MlpClassifier.run(ClassifierOptions.of("scalar", 5, 0.5f, 50, 100, 0), 8, 0.1, QUIET);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void examplesAreSubcommands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Examples.execute("mlp", "--iterations", "20", "--log-every", "10", "--backend", "scalar");
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("step    20").contains("training accuracy");
    }
}
