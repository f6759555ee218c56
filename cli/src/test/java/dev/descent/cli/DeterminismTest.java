package dev.descent.cli;

import dev.descent.Backends;
import dev.descent.ProviderInfo;
import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;
import dev.descent.io.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Determinism of whole {@code descent train} runs, each a separate JVM: on every CPU backend the same seed gives
 * a bit-identical model file with {@code -Ddescent.threads=1} and {@code 2} and on a second run; the backends
 * agree with each other within {@link #RELATIVE_TOLERANCE}; and a program that returns from {@code main}
 * without closing its backend exits (worker threads are daemons). The model (an MLP 8-64-64-1, batches of 512)
 * is large enough that the vector backend splits its GEMMs and activations over its worker threads.
 */
class DeterminismTest {
    /**
     * Backends round differently (sums in double on scalar, in float lanes on vector) and 12 Adam steps amplify
     * that; measured differences are about 1e-6 of the largest parameter, the bound leaves room.
     */
    static final double RELATIVE_TOLERANCE = 1e-4;

    /** Shared by the tests so that each (backend, threads, run) is trained once. */
    @TempDir
    static Path dir;
    private static final java.util.Map<String, Path> MODELS = new java.util.concurrent.ConcurrentHashMap<>();

    static Stream<String> backends() {
        return Backends.list().stream().filter(ProviderInfo::available).map(ProviderInfo::name)
                .filter(name -> List.of("scalar", "vector").contains(name));
    }

    private static Path writeData() throws IOException {
        Path file = dir.resolve("train.csv");
        if (!Files.exists(file)) {
            Random r = new Random(17);
            StringBuilder csv = new StringBuilder("x1,x2,x3,x4,x5,x6,x7,x8,y\n");
            for (int i = 0; i < 1024; i++) {
                double y = 0;
                for (int j = 0; j < 8; j++) {
                    double v = r.nextGaussian();
                    y += Math.sin(v * (j + 1));
                    csv.append(String.format(Locale.ROOT, "%.6f,", v));
                }
                csv.append(String.format(Locale.ROOT, "%.6f%n", y));
            }
            Files.writeString(file, csv);
        }
        return file;
    }

    private static Path train(String backend, int threads, String name) throws Exception {
        Path cached = MODELS.get(name);
        if (cached != null) {
            return cached;
        }
        Path out = dir.resolve(name + ".safetensors");
        CliProcess.Result r = CliProcess.run(dir, List.of("-Ddescent.threads=" + threads), "train", "--data",
                writeData().toString(), "--target", "y", "--model", "mlp:64,64", "--activation", "tanh",
                "--optimizer", "adam", "--lr", "0.003", "--batch-size", "512", "--epochs", "6", "--seed", "23",
                "--backend", backend, "--out", out.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        MODELS.put(name, out);
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theSameSeedGivesBitIdenticalModelsWithOneAndTwoThreads(String backend) throws Exception {
        byte[] one = Files.readAllBytes(train(backend, 1, backend + "-1"));
        byte[] two = Files.readAllBytes(train(backend, 2, backend + "-2"));
        byte[] twoAgain = Files.readAllBytes(train(backend, 2, backend + "-2b"));
        assertThat(two).as("2 threads vs 1 thread").isEqualTo(one);
        assertThat(twoAgain).as("second run").isEqualTo(two);
    }

    @Test
    void backendsAgreeOnAWholeTrainingRun() throws Exception {
        List<String> names = backends().toList();
        SafetensorsFile reference = Safetensors.read(train("scalar", 1, "scalar-1"));
        for (String backend : names.stream().filter(n -> !n.equals("scalar")).toList()) {
            SafetensorsFile other = Safetensors.read(train(backend, 2, backend + "-2"));
            double worst = 0;
            for (var e : reference.tensors().entrySet()) {
                float[] a = e.getValue().values();
                TensorData b = other.tensor(e.getKey());
                assertThat(b.shape()).isEqualTo(e.getValue().shape());
                float[] bv = b.values();
                double scale = 0;
                for (float v : a) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - bv[i]) / scale);
                }
            }
            System.out.printf(Locale.ROOT, "determinism: %s vs scalar after 12 Adam steps: max |difference| / max"
                    + " |parameter| = %.3g%n", backend, worst);
            assertThat(worst).as(backend + " vs scalar").isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aProgramThatDoesNotCloseItsBackendStillExits(String backend) throws Exception {
        Process p = CliProcess.builder(dir, List.of("-Ddescent.threads=2"), ReturnsFromMain.class.getName(), backend)
                .redirectErrorStream(true).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(exited).as("JVM exited after main returned; output: " + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("computed on " + backend);
    }
}
