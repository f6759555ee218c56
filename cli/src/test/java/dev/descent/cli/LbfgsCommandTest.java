package dev.descent.cli;

import dev.descent.Backends;
import dev.descent.ProviderInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code descent train --optimizer lbfgs} end to end: the CLI contract (full batch only, one step per epoch,
 * {@code loss_history[e]} the loss before that step) and the optimum scikit-learn finds on the same data.
 */
class LbfgsCommandTest {
    /**
     * The training loss (mean binary cross-entropy) of scikit-learn 1.2.1's
     * {@code LogisticRegression(penalty=None, solver="lbfgs", tol=1e-12)} on {@code lbfgs/binary.csv} (400 rows, 4
     * features, classes overlap so the optimum is finite), computed once with
     * {@code /usr/bin/python3 bench/lbfgs/sklearn_reference.py}.
     */
    static final double SKLEARN_LOSS = 0.392617790224;

    @TempDir
    Path dir;

    static Stream<String> backends() {
        return Backends.list().stream().filter(ProviderInfo::available).map(ProviderInfo::name);
    }

    static Path binaryCsv() throws URISyntaxException {
        return Path.of(LbfgsCommandTest.class.getResource("/lbfgs/binary.csv").toURI());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void reachesScikitLearnsLogisticRegressionLoss(String backend) throws Exception {
        for (String search : new String[] {"none", "strong_wolfe"}) {
            Path metrics = dir.resolve("metrics-" + search + ".json");
            CliProcess.Result r = CliProcess.run(dir, "train", "--data", binaryCsv().toString(), "--target", "y",
                    "--task", "binary", "--optimizer", "lbfgs", "--line-search", search, "--epochs", "5",
                    "--init", "zeros", "--backend", backend, "--metrics-json", metrics.toString(), "--quiet");
            assertThat(r.exitCode()).as(r.err()).isZero();
            String json = Files.readString(metrics);
            assertThat(json).contains("\"epochs\" : 5", "\"steps\" : 5");
            double[] history = numbers(json, "loss_history");
            assertThat(history).hasSize(5);
            // the loss before the first step: zero weights give ln 2 for every row
            assertThat(history[0]).isCloseTo(Math.log(2), within(1e-6));
            assertThat(trainLoss(json)).as(search + " on " + backend).isCloseTo(SKLEARN_LOSS, within(1e-4));
            assertThat(history[4]).isCloseTo(SKLEARN_LOSS, within(1e-4));
        }
    }

    @Test
    void anyBatchSizeButFullIsAnError() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "train", "--data", binaryCsv().toString(), "--target", "y",
                "--task", "binary", "--optimizer", "lbfgs", "--batch-size", "32", "--quiet");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.errorLines()).hasSize(1);
        assertThat(r.err()).contains("--batch-size 32", "lbfgs is full-batch only");

        CliProcess.Result full = CliProcess.run(dir, "train", "--data", binaryCsv().toString(), "--target", "y",
                "--task", "binary", "--optimizer", "lbfgs", "--batch-size", "full", "--epochs", "1", "--quiet");
        assertThat(full.exitCode()).as(full.err()).isZero();
    }

    @Test
    void lbfgsOptionsApplyToLbfgsOnly() throws Exception {
        for (String[] option : new String[][] {{"--history-size", "5"}, {"--max-iter", "3"},
                {"--line-search", "strong_wolfe"}}) {
            CliProcess.Result r = CliProcess.run(dir, "train", "--data", binaryCsv().toString(), "--target", "y",
                    "--task", "binary", "--optimizer", "adam", option[0], option[1], "--quiet");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.err()).contains(option[0] + " applies to lbfgs, not to --optimizer adam");
        }
        CliProcess.Result r = CliProcess.run(dir, "train", "--data", binaryCsv().toString(), "--target", "y",
                "--task", "binary", "--optimizer", "lbfgs", "--momentum", "0.9", "--quiet");
        assertThat(r.err()).contains("--momentum applies to sgd and rmsprop, not to --optimizer lbfgs");
        CliProcess.Result zero = CliProcess.run(dir, "train", "--data", binaryCsv().toString(), "--target", "y",
                "--task", "binary", "--optimizer", "lbfgs", "--history-size", "0", "--quiet");
        assertThat(zero.err()).contains("--history-size must be an integer >= 1, got 0");
    }

    @Test
    void resumedRunIsBitIdentical() throws Exception {
        String[] common = {"train", "--data", binaryCsv().toString(), "--target", "y", "--task", "binary",
                "--optimizer", "lbfgs", "--max-iter", "2", "--history-size", "3", "--line-search", "strong_wolfe",
                "--backend", "scalar", "--quiet"};
        Path reference = dir.resolve("reference.safetensors");
        CliProcess.Result full = CliProcess.run(dir, CliProcess.concat(common, "--epochs", "6", "--out",
                reference.toString()));
        assertThat(full.exitCode()).as(full.err()).isZero();
        Path checkpoint = dir.resolve("run.ckpt");
        Path resumed = dir.resolve("resumed.safetensors");
        CliProcess.Result first = CliProcess.run(dir, CliProcess.concat(common, "--epochs", "3", "--checkpoint",
                checkpoint.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliProcess.Result rest = CliProcess.run(dir, CliProcess.concat(common, "--epochs", "6", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", resumed.toString()));
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(Files.readAllBytes(resumed)).isEqualTo(Files.readAllBytes(reference));
    }

    private static double[] numbers(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\" : \\[([^\\]]*)]").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Arrays.stream(m.group(1).split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
    }

    private static double trainLoss(String json) {
        Matcher m = Pattern.compile("\"train\" : \\{\\s*\"loss\" : ([-0-9.eE]+)").matcher(json);
        assertThat(m.find()).as("train loss in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
