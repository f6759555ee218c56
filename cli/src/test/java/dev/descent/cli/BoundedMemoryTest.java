package dev.descent.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import static dev.descent.cli.Hostile.of;

/**
 * The promise of bounded memory: sizes a user asks for (a model of 1.6 billion parameters, a hidden layer of 20
 * million, 60,000 input columns into a layer of 30,000, a label that makes 16.7 million classes) are estimated
 * before anything is allocated and refused with one line naming the size, the heap and {@code -Xmx}; and an
 * {@code OutOfMemoryError} the estimate did not foresee (a data set larger than a tiny heap) still ends in one
 * line, not a stack trace. Model files are untrusted: a 600-byte file whose metadata claims
 * {@code mlp:40000,40000} or 500 million classes, or a standardization array of millions of numbers for two
 * features, is refused before anything is sized by the claim (the metadata must agree with the tensors the
 * file holds). Each run has a small heap so that the refusals are checked against a known limit.
 */
class BoundedMemoryTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() throws Exception {
        Fixtures.copyTrained(shared);
        editModel("huge-mlp.safetensors", m -> m.put("model", "mlp:40000,40000"));
        editModel("huge-classes.safetensors", m -> {
            m.put("task", "multiclass");
            m.put("classes", "500000000");
        });
        // 2 million numbers (4 MB of JSON) where the model's 2 features call for 2: bounded by the tensor shapes.
        editModel("huge-mean.safetensors", m -> {
            m.put("standardization.columns", "[\"x1\",\"x2\"]");
            m.put("standardization.mean", "[" + "0,".repeat(2_000_000) + "0]");
            m.put("standardization.scale", "[1,1]");
        });
        try (BufferedWriter w = Files.newBufferedWriter(shared.resolve("wide.csv"))) {
            for (int c = 0; c < 60_000; c++) {
                w.write("c" + c + ",");
            }
            w.write("y\n");
            for (int r = 0; r < 2; r++) {
                w.write("0,".repeat(60_000) + r + "\n");
            }
        }
        StringBuilder classes = new StringBuilder("f1,f2,f3,f4,f5,f6,f7,f8,y\n");
        classes.append("1,2,3,4,5,6,7,8,16777215\n").append("8,7,6,5,4,3,2,1,0\n");
        Files.writeString(shared.resolve("classes.csv"), classes);
        Random r = new Random(3);
        try (BufferedWriter w = Files.newBufferedWriter(shared.resolve("big.csv"))) {
            for (int c = 0; c < 20; c++) {
                w.write("c" + c + ",");
            }
            w.write("y\n");
            for (int row = 0; row < 100_000; row++) {
                for (int c = 0; c < 21; c++) {
                    w.write(String.format(Locale.ROOT, c < 20 ? "%.3f," : "%.3f%n", r.nextDouble()));
                }
            }
        }
    }

    /** The trained model with its metadata changed by {@code edit} (the tensors stay as they are). */
    private static void editModel(String name, java.util.function.Consumer<java.util.Map<String, String>> edit) {
        SafetensorsFile original = Safetensors.read(shared.resolve("model.safetensors"));
        java.util.Map<String, String> metadata = new java.util.TreeMap<>(original.metadata());
        edit.accept(metadata);
        Safetensors.write(shared.resolve(name), new SafetensorsFile(original.tensors(), metadata));
    }

    @BeforeEach
    void inputs() throws IOException {
        for (String name : new String[] {"good.csv", "wide.csv", "classes.csv", "big.csv", "huge-mlp.safetensors",
                "huge-classes.safetensors", "huge-mean.safetensors"}) {
            Files.createSymbolicLink(dir.resolve(name), shared.resolve(name));
        }
    }

    static Stream<Hostile.Case> cases() {
        String heap = "-Xmx256m";
        return Stream.of(
                of("mlp:40000,40000 (1.6 billion parameters)", "-Xmx", "train", "--data", "good.csv", "--target", "y",
                        "--model", "mlp:40000,40000", "--out", "m.st").withJvm(heap),
                of("mlp:20000000", "needs about", "train", "--data", "good.csv", "--target", "y", "--model",
                        "mlp:20000000", "--optimizer", "adam").withJvm(heap),
                of("60,000 columns into mlp:30000", "on 60000 features needs about", "train", "--data", "wide.csv", "--target",
                        "y", "--model", "mlp:30000").withJvm(heap),
                of("a label of 16777215: 16.7 million classes", "needs about", "train", "--data", "classes.csv",
                        "--target", "y", "--task", "multiclass").withJvm(heap),
                of("full batch of a wide layer", "needs about", "train", "--data", "good.csv", "--target", "y",
                        "--model", "mlp:4000000", "--batch-size", "full").withJvm(heap),
                of("a small model file whose metadata claims mlp:40000,40000", "huge-mlp.safetensors: metadata model",
                        "predict", "--model", "huge-mlp.safetensors", "--data", "good.csv").withJvm(heap),
                of("a small model file claiming 500 million classes", "huge-classes.safetensors: metadata says"
                        + " classes=500000000", "predict", "--model", "huge-classes.safetensors", "--data",
                        "good.csv").withJvm(heap),
                of("a standardization array of 2 million numbers for 2 features", "huge-mean.safetensors:",
                        "predict", "--model", "huge-mean.safetensors", "--data", "good.csv").withJvm("-Xmx64m"),
                of("an OutOfMemoryError the estimate did not foresee", "out of memory: the Java heap of", "train",
                        "--data", "big.csv", "--target", "y", "--out", "m.st").withJvm("-Xmx24m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneLineNamingTheSizeAndTheHeap(Hostile.Case c) throws Exception {
        Hostile.assertRefused(dir, c);
    }
}
