package dev.descent.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded fuzz target for the command line: random lists of options and values (valid, out of range, repeated,
 * missing, unknown, with control characters, {@code @file} arguments, outputs naming inputs or folders) for every
 * subcommand. Each run must end with exit 0, or with exit 1 or 2, exactly one printable line on stderr without
 * a stack trace (the last line, after progress lines, when {@code train} runs without {@code --quiet}), and the
 * working folder exactly as it was. It runs in this JVM ({@link DescentCli#execute}) so
 * that a few hundred command lines take seconds; the process tests check the same promises one JVM per case.
 * {@code -Ddescent.fuzz.cases=N} and {@code -Ddescent.fuzz.seed=S} run more or other cases.
 */
class CommandLineFuzzTest {
    private static final int CASES = Integer.getInteger("descent.fuzz.cases", 300);
    private static final long SEED = Long.getLong("descent.fuzz.seed", 20261201L);

    private static final String[] COMMANDS = {"train", "train", "train", "predict", "predict", "backends", "zzz", ""};
    private static final String[] INPUTS = {"good.csv", "good.csv", "binary.csv", "empty.csv", "missing.csv",
            "folder", "", "-", "@good.csv", "/dev/null", "bad\u001b]0;x\u0007.csv", "model.safetensors"};
    private static final String[] OUTPUTS = {"out.st", "m.json", "loss.svg", "good.csv", "model.safetensors",
            "folder", "nope/x", "", "-", "./out.st", "link.csv"};
    private static final Map<String, String[]> VALUES = Map.ofEntries(
            Map.entry("--target", new String[] {"y", "x1", "nope", "", "y\u0000"}),
            Map.entry("--task", new String[] {"regression", "binary", "multiclass", "zzz", "BINARY", ""}),
            Map.entry("--model", new String[] {"linear", "mlp:4", "mlp:4,3", "mlp:0", "mlp:", "mlp:40000,40000",
                    "mlp:2147483647", "mlp:-1", "zzz"}),
            Map.entry("--activation", new String[] {"relu", "tanh", "sigmoid", "zzz"}),
            Map.entry("--optimizer", new String[] {"sgd", "adam", "adamw", "rmsprop", "adagrad", "lbfgs?", ""}),
            Map.entry("--lr", new String[] {"0.01", "0", "-1", "NaN", "Infinity", "1e30", "x", "1e-300"}),
            Map.entry("--momentum", new String[] {"0.9", "-1", "2", "NaN"}),
            Map.entry("--dampening", new String[] {"0", "0.5", "-1"}),
            Map.entry("--weight-decay", new String[] {"0", "0.01", "-1", "NaN"}),
            Map.entry("--beta1", new String[] {"0.9", "1", "1.5", "-0"}),
            Map.entry("--beta2", new String[] {"0.999", "1", "NaN"}),
            Map.entry("--eps", new String[] {"1e-8", "0", "-1"}),
            Map.entry("--alpha", new String[] {"0.99", "2", "-1"}),
            Map.entry("--batch-size", new String[] {"1", "4", "full", "0", "-1", "x", "99999999999"}),
            Map.entry("--epochs", new String[] {"1", "2", "0", "-5", "x", "99999999999"}),
            Map.entry("--seed", new String[] {"0", "-1", "9223372036854775807", "x"}),
            Map.entry("--init", new String[] {"zeros", "default", "zzz"}),
            Map.entry("--backend", new String[] {"scalar", "vector", "quantum", ""}));
    private static final String[] FLAGS = {"--nesterov", "--shuffle", "--no-shuffle", "--standardize", "--resume",
            "--quiet", "--help", "--version", "-h", "--colour"};
    private static final String[] PATH_OPTIONS = {"--data", "--test-data", "--model"};
    private static final String[] OUTPUT_OPTIONS = {"--out", "--metrics-json", "--plot", "--checkpoint"};

    @TempDir
    Path dir;

    @BeforeEach
    void inputs() throws Exception {
        Fixtures.writeData(dir);
        Files.writeString(dir.resolve("empty.csv"), "");
        Files.createDirectory(dir.resolve("folder"));
        Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("good.csv"));
        assertThat(DescentCli.execute(new ByteArrayOutputStream(), "train", "--data", dir.resolve("good.csv")
                .toString(), "--target", "y", "--epochs", "1", "--quiet", "--out",
                dir.resolve("model.safetensors").toString())).isZero();
    }

    @Test
    void randomCommandLinesEndInSuccessOrOneLine() throws Exception {
        Random random = new Random(SEED);
        PrintStream originalErr = System.err;
        String userDir = System.getProperty("user.dir");
        int failures = 0;
        try {
            System.setProperty("user.dir", dir.toString());
            for (int i = 0; i < CASES; i++) {
                List<String> args = commandLine(random);
                Map<String, String> before = Hostile.snapshot(dir);
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                int code = DescentCli.execute(new ByteArrayOutputStream(), args.toArray(String[]::new));
                System.setErr(originalErr);
                String stderr = err.toString(StandardCharsets.UTF_8);
                String where = "case " + i + ": descent " + String.join(" ", args) + "\nstderr: " + stderr;
                assertThat(code).as(where).isIn(0, 1, 2);
                assertThat(stderr).as(where).doesNotContain("\tat ").doesNotContain("Exception");
                if (code != 0) {
                    failures++;
                    List<String> lines = stderr.lines().toList();
                    assertThat(lines).as(where).isNotEmpty();
                    if (args.contains("--quiet") || !args.contains("train")) {
                        assertThat(lines).as(where).hasSize(1);
                    } else {
                        // Progress was asked for (train without --quiet): progress lines, then the error, last.
                        assertThat(lines.subList(0, lines.size() - 1)).as(where).allMatch(l -> l.matches(
                                "(epoch |INFO: |WARNING: |descent train: (no checkpoint|resuming)).*"));
                    }
                    Hostile.assertCleanError(lines.getLast(), "descent");
                    assertThat(Hostile.snapshot(dir)).as(where).isEqualTo(before);
                }
                try (var files = Files.list(dir)) {
                    assertThat(files.filter(f -> f.getFileName().toString().matches("\\..*\\.(tmp|probe)")))
                            .as(where).isEmpty();
                }
            }
        } finally {
            System.setErr(originalErr);
            System.setProperty("user.dir", userDir);
        }
        assertThat(failures).as("most random command lines are wrong somewhere").isGreaterThan(CASES / 2);
    }

    /** A random command line: a subcommand, then a few options with values from the pools, some of them wrong. */
    private List<String> commandLine(Random random) {
        List<String> args = new ArrayList<>();
        String command = pick(random, COMMANDS);
        if (!command.isEmpty()) {
            args.add(command);
        }
        if (command.equals("train") && random.nextInt(3) > 0) {
            args.addAll(List.of("--data", path("good.csv"), "--target", "y"));
        } else if (command.equals("predict") && random.nextInt(3) > 0) {
            args.addAll(List.of("--model", path("model.safetensors"), "--data", path("good.csv")));
        }
        int options = random.nextInt(7);
        for (int k = 0; k < options; k++) {
            switch (random.nextInt(6)) {
                case 0 -> args.add(pick(random, FLAGS));
                case 1 -> {
                    args.add(pick(random, PATH_OPTIONS));
                    args.add(path(pick(random, INPUTS)));
                }
                case 2 -> {
                    args.add(pick(random, OUTPUT_OPTIONS));
                    args.add(path(pick(random, OUTPUTS)));
                }
                case 3 -> args.add(junk(random));
                default -> {
                    String option = pick(random, VALUES.keySet().toArray(String[]::new));
                    args.add(option);
                    if (random.nextInt(10) > 0) {
                        args.add(pick(random, VALUES.get(option)));
                    }
                }
            }
        }
        if (command.equals("train") && random.nextBoolean()) {
            args.add("--quiet");
        }
        return args;
    }

    /** Paths resolved in the test folder (the in-process run shares this JVM's working directory). */
    private String path(String name) {
        return name.isEmpty() || name.equals("-") || name.startsWith("@") || name.startsWith("/") ? name
                : dir.resolve(name).toString();
    }

    private static String junk(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "--" + "x".repeat(random.nextInt(20));
            case 1 -> "\u001b[2J\u0007";
            case 2 -> "-".repeat(1 + random.nextInt(3));
            case 3 -> "a".repeat(10_000);
            default -> "--lr=" + random.nextGaussian();
        };
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
