package dev.descent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Random;

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

    /** Copies {@code name} from {@code from} into {@code to}. */
    static void copy(Path from, Path to, String name) throws IOException {
        Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
