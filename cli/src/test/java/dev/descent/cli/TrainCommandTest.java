package dev.descent.cli;

import dev.descent.Backends;
import dev.descent.ProviderInfo;
import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code descent train} and {@code predict} end to end, as separate processes on real files, on every backend. */
class TrainCommandTest {
    @TempDir
    Path dir;

    static Stream<String> backends() {
        return Backends.list().stream().filter(ProviderInfo::available).map(ProviderInfo::name);
    }

    /** y = 2·x1 - 3·x2 + 0.5 + noise, with the exact least-squares answer computed here in double. */
    private double[] writeRegression(Path file, int n, long seed) throws IOException {
        Random r = new Random(seed);
        double[][] x = new double[n][2];
        double[] y = new double[n];
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) r.nextDouble();
            x[i][1] = (float) (r.nextDouble() * 2 - 1);
            y[i] = (float) (2 * x[i][0] - 3 * x[i][1] + 0.5 + 0.1 * r.nextGaussian());
            csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", (float) x[i][0], (float) x[i][1], (float) y[i]));
        }
        Files.writeString(file, csv);
        return leastSquares(x, y);
    }

    /** Solves the 3x3 normal equations [x1 x2 1]. */
    private static double[] leastSquares(double[][] x, double[] y) {
        double[][] a = new double[3][4];
        for (int i = 0; i < y.length; i++) {
            double[] f = {x[i][0], x[i][1], 1};
            for (int p = 0; p < 3; p++) {
                for (int q = 0; q < 3; q++) {
                    a[p][q] += f[p] * f[q];
                }
                a[p][3] += f[p] * y[i];
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k < 4; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        return new double[] {a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]};
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fullBatchGradientDescentReachesTheLeastSquaresCoefficients(String backend) throws Exception {
        Path data = dir.resolve("train.csv");
        double[] best = writeRegression(data, 200, 1);
        Path model = dir.resolve("model.safetensors");
        Path metrics = dir.resolve("metrics.json");
        CliProcess.Result r = CliProcess.run(dir, "train", "--data", data.toString(), "--target", "y",
                "--batch-size", "full", "--lr", "0.5", "--epochs", "3000", "--init", "zeros", "--backend", backend,
                "--out", model.toString(), "--metrics-json", metrics.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.errorLines()).isEmpty();
        SafetensorsFile file = Safetensors.read(model);
        float[] w = file.tensor("weight").values();
        assertThat(file.tensor("weight").shape()).containsExactly(1, 2);
        assertThat(file.tensor("bias").shape()).containsExactly(1);
        assertThat((double) w[0]).isCloseTo(best[0], within(1e-4));
        assertThat((double) w[1]).isCloseTo(best[1], within(1e-4));
        assertThat((double) file.tensor("bias").values()[0]).isCloseTo(best[2], within(1e-4));
        String json = Files.readString(metrics);
        assertThat(json).contains("\"backend\" : \"" + backend + "\"", "\"epochs\" : 3000", "\"steps\" : 3000",
                "\"loss_history\"", "\"train\"", "\"mse\"", "\"r2\"", "\"seconds\"", "\"samples_per_second\"");
        assertThat(r.out()).contains("trained linear regression model on " + backend);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void mlpClassifierTrainsAndPredictsClassIndices(String backend) throws Exception {
        Path train = dir.resolve("blobs.csv");
        StringBuilder csv = new StringBuilder("a,b,label\n");
        Random r = new Random(3);
        double[][] centers = {{-2, 0}, {2, 0}, {0, 3}};
        for (int i = 0; i < 300; i++) {
            int k = i % 3;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", centers[k][0] + 0.5 * r.nextGaussian(),
                    centers[k][1] + 0.5 * r.nextGaussian(), k));
        }
        Files.writeString(train, csv);
        Path model = dir.resolve("mlp.safetensors");
        Path plot = dir.resolve("loss.svg");
        CliProcess.Result t = CliProcess.run(dir, "train", "--data", train.toString(), "--target", "label",
                "--task", "multiclass", "--model", "mlp:8,8", "--activation", "tanh", "--optimizer", "adam",
                "--lr", "0.01", "--epochs", "40", "--batch-size", "16", "--seed", "5", "--backend", backend,
                "--standardize", "--out", model.toString(), "--plot", plot.toString(), "--quiet");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).containsPattern("accuracy 0\\.9[5-9]|accuracy 1\\.0");
        assertThat(Safetensors.read(model).tensors().keySet())
                .containsExactlyInAnyOrder("layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias",
                        "layer2.weight", "layer2.bias");
        assertThat(Files.readString(plot)).contains("<svg").contains("epoch");

        Path predictions = dir.resolve("pred.csv");
        CliProcess.Result p = CliProcess.run(dir, "predict", "--model", model.toString(), "--data", train.toString(),
                "--out", predictions.toString(), "--backend", backend);
        assertThat(p.exitCode()).as(p.err()).isZero();
        var lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).isEqualTo("prediction");
        long correct = 0;
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)).matches("[012]");
            correct += Integer.parseInt(lines.get(i)) == (i - 1) % 3 ? 1 : 0;
        }
        assertThat(correct).isGreaterThan(285);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void killedRunResumesToTheSameModelBitForBit(String backend) throws Exception {
        Path data = dir.resolve("train.csv");
        writeRegression(data, 2000, 2);
        String[] common = {"train", "--data", data.toString(), "--target", "y", "--optimizer", "adam", "--lr", "0.01",
                "--epochs", "600", "--batch-size", "32", "--seed", "9", "--backend", backend, "--quiet"};
        Path reference = dir.resolve("reference.safetensors");
        CliProcess.Result full = CliProcess.run(dir, CliProcess.concat(common, "--out", reference.toString()));
        assertThat(full.exitCode()).as(full.err()).isZero();

        Path checkpoint = dir.resolve("run.ckpt");
        Path resumed = dir.resolve("resumed.safetensors");
        String[] checkpointed = CliProcess.concat(common, "--checkpoint", checkpoint.toString(), "--out", resumed.toString());
        Process p = CliProcess.start(dir, checkpointed);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(checkpoint) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(5);
        }
        // Killed a few epochs after the first checkpoint: with execution plans 60 epochs of these 2000 rows took
        // ~0.3 s, so the run could finish inside a longer pause; 600 epochs leave about a second of margin.
        Thread.sleep(20);
        p.destroyForcibly().waitFor();
        assertThat(Files.exists(resumed)).as("the killed run must not have written its model").isFalse();

        CliProcess.Result rest = CliProcess.run(dir, CliProcess.concat(checkpointed, "--resume"));
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(Files.readAllBytes(resumed)).isEqualTo(Files.readAllBytes(reference));
    }
}
