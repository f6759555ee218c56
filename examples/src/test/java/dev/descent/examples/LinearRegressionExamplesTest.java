package dev.descent.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinearRegressionExamplesTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void fullBatchGradientDescentReachesTheLeastSquaresLine() {
        // Step size 0.5 is below 2 / (largest Hessian eigenvalue ~2.5) for x in [0, 1), so GD converges.
        FitResult r = LinearRegressionGd.run(TrainingOptions.of("scalar", 42, 0.5f, 2000), QUIET);
        assertThat(r.weight()).isCloseTo(r.best().weight(), within(1e-4));
        assertThat(r.bias()).isCloseTo(r.best().bias(), within(1e-4));
        assertThat(r.loss()).isCloseTo(r.bestLoss(), within(1e-6));
        // The data recipe: slope about 3, intercept about 0.5 (the mean of the uniform noise).
        assertThat(r.best().weight()).isCloseTo(3.0, within(0.3));
        assertThat(r.best().bias()).isCloseTo(0.5, within(0.2));
    }

    @Test
    void miniBatchSgdEndsNearTheLeastSquaresLine() {
        FitResult r = LinearRegressionSgd.run(TrainingOptions.of("scalar", 7, 0.05f, 20000), 10, QUIET);
        assertThat(r.weight()).isCloseTo(r.best().weight(), within(0.05));
        assertThat(r.bias()).isCloseTo(r.best().bias(), within(0.05));
        assertThat(r.loss()).isLessThan(r.bestLoss() * 1.01);
    }

    @Test
    void classicSettingsImproveOnTheStartButStopShortOfTheOptimum() {
        // lr 0.01 for 1000 steps is the textbook setting: the loss falls, yet the smallest Hessian eigenvalue
        // (~0.13) leaves a visible gap, which the example prints.
        FitResult r = LinearRegressionGd.run(TrainingOptions.of("scalar", 42, 0.01f, 1000), QUIET);
        FitResult start = LinearRegressionGd.run(TrainingOptions.of("scalar", 42, 0.01f, 0), QUIET);
        assertThat(r.loss()).isLessThan(start.loss() / 10);
        assertThat(r.loss()).isGreaterThan(r.bestLoss());
    }

    @Test
    void sameSeedGivesTheSameFit() {
        FitResult a = LinearRegressionSgd.run(TrainingOptions.of("scalar", 3, 0.01f, 300), 10, QUIET);
        FitResult b = LinearRegressionSgd.run(TrainingOptions.of("scalar", 3, 0.01f, 300), 10, QUIET);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void badOptionsExitWithOneLineAndNoStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Examples.execute("linear-gd", "--lr", "-1");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--lr must be a positive").doesNotContain("at dev.");
    }

    @Test
    void unknownBackendListsTheProviders() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Examples.execute("linear-sgd", "--backend", "nope");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown backend 'nope'").contains("scalar");
    }
}
