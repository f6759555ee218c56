package dev.descent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Small data sets and a trained model for the adversarial process tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** {@code good.csv} (regression, 40 rows), {@code binary.csv} and {@code test.csv} in {@code dir}. */
    static void writeData(Path dir) throws IOException {
        Random r = new Random(7);
        StringBuilder good = new StringBuilder("x1,x2,y\n");
        StringBuilder binary = new StringBuilder("x1,x2,y\n");
        StringBuilder test = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 40; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            good.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", a, b, 2 * a - b + 0.5));
            binary.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", a, b, a + b > 0 ? 1 : 0));
            if (i < 10) {
                test.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", b, a, 2 * b - a + 0.5));
            }
        }
        Files.writeString(dir.resolve("good.csv"), good);
        Files.writeString(dir.resolve("binary.csv"), binary);
        Files.writeString(dir.resolve("test.csv"), test);
    }

    /** Trains {@code model.safetensors} on {@code good.csv} in {@code dir} (which must hold the data). */
    static Path trainModel(Path dir) throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "train", "--data", "good.csv", "--target", "y", "--epochs", "2",
                "--out", "model.safetensors", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir.resolve("model.safetensors");
    }

    /** The files {@link #copyTrained} copies: the three data sets and the model trained on {@code good.csv}. */
    static final List<String> TRAINED = List.of("good.csv", "binary.csv", "test.csv", "model.safetensors");

    /**
     * Copies {@link #TRAINED} into {@code to}: the data of {@link #writeData} and the model of {@link #trainModel},
     * trained once per JVM (a training process is the slowest part of a test class's set-up, and the process
     * tests' classes share one surefire JVM) instead of once per test class. Each class gets its own copies, as
     * before; the shared originals are checked against the hashes taken when they were made, so a test that
     * changed them would fail here rather than pass or fail because of another class.
     */
    static void copyTrained(Path to) throws Exception {
        SharedModel model = SharedModel.get();
        for (String name : TRAINED) {
            Path original = model.folder().resolve(name);
            assertThat(Hostile.sha256(original)).as("the shared fixture %s is unchanged", original)
                    .isEqualTo(model.hashes().get(name));
            copy(model.folder(), to, name);
        }
    }

    /** The once-per-JVM fixture: a folder holding {@link #TRAINED} and each file's SHA-256 when it was made. */
    private record SharedModel(Path folder, Map<String, String> hashes) {
        private static SharedModel instance;

        static synchronized SharedModel get() throws Exception {
            if (instance == null) {
                Path folder = Files.createTempDirectory("descent-cli-fixture");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
                writeData(folder);
                trainModel(folder);
                Map<String, String> hashes = new HashMap<>();
                for (String name : TRAINED) {
                    hashes.put(name, Hostile.sha256(folder.resolve(name)));
                }
                instance = new SharedModel(folder, Map.copyOf(hashes));
            }
            return instance;
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind at JVM exit is harmless
        }
    }

    /** Copies {@code name} from {@code from} into {@code to}. */
    static void copy(Path from, Path to, String name) throws IOException {
        Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
