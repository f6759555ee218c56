package dev.descent.cli;

import dev.descent.Backends;
import dev.descent.ProviderInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same program, same seed, same bits, whatever the JIT has compiled: a small MLP trained by {@code descent train}
 * in separate JVMs that run the kernels only in the interpreter ({@code -Xint}), only in C1
 * ({@code -XX:TieredStopAtLevel=1}), in C2 almost from the start ({@code -XX:-TieredCompilation} with a low
 * compile threshold and blocking compilation, so that a 20-step run crosses from interpreted to C2 code as a long
 * default run does), and in default tiered mode with two worker threads (the others use one), must write
 * byte-identical model files and identical metrics (all but the wall-clock fields). Each CPU backend is checked
 * with Adam and with SGD with momentum.
 *
 * <p>Checked by mutation: with {@code reduceLanes(ADD)} back in the vector backend's lane sums (it folds lanes in
 * one order in the interpreter and C1 and in another in C2, issue 13) the early-C2 run differs from the others.
 */
class JitStateDeterminismTest {
    /** JIT states, by name, as JVM options. */
    private static final Map<String, List<String>> JIT_STATES = jitStates();

    @TempDir
    static Path dir;

    private static Map<String, List<String>> jitStates() {
        Map<String, List<String>> states = new LinkedHashMap<>();
        states.put("interpreter", List.of("-Xint", "-Ddescent.threads=1"));
        states.put("C1 only", List.of("-XX:TieredStopAtLevel=1", "-Ddescent.threads=1"));
        states.put("C2 early", List.of("-XX:-TieredCompilation", "-XX:CompileThreshold=1000", "-Xbatch",
                "-Ddescent.threads=1"));
        states.put("tiered, 2 threads", List.of("-Ddescent.threads=2"));
        return states;
    }

    static Stream<Arguments> cases() {
        List<String> optimizers = List.of("adam --lr 0.01", "sgd --lr 0.01 --momentum 0.9");
        List<Arguments> cases = new ArrayList<>();
        for (ProviderInfo provider : Backends.list()) {
            if (provider.available() && List.of("scalar", "vector").contains(provider.name())) {
                for (String optimizer : optimizers) {
                    cases.add(Arguments.of(provider.name(), optimizer, ""));
                    if (provider.name().equals("vector")) {
                        // this MLP is small enough for the vector backend's plain-loop kernels (issue 20); run it
                        // on its Vector API kernels as well, whose lane sums this test guards
                        cases.add(Arguments.of(provider.name(), optimizer, "-Ddescent.vector.smallElements=0"));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("cases")
    void everyJitStateAndThreadCountGivesTheSameBits(String backend, String optimizer, String kernels)
            throws Exception {
        Path data = writeData();
        Map<String, byte[]> models = new LinkedHashMap<>();
        Map<String, String> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> state : JIT_STATES.entrySet()) {
            String name = backend + "-" + optimizer.split(" ")[0] + (kernels.isEmpty() ? "" : "-vectorapi") + "-"
                    + models.size();
            Path model = dir.resolve(name + ".safetensors");
            Path json = dir.resolve(name + ".json");
            List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--target", "y",
                    "--model", "mlp:32,32", "--activation", "tanh", "--optimizer"));
            args.addAll(List.of(optimizer.split(" ")));
            args.addAll(List.of("--batch-size", "20", "--epochs", "2", "--seed", "5", "--backend", backend,
                    "--out", model.toString(), "--metrics-json", json.toString(), "--quiet"));
            List<String> jvm = new ArrayList<>(state.getValue());
            if (!kernels.isEmpty()) {
                jvm.add(kernels);
            }
            CliProcess.Result r = CliProcess.run(dir, jvm, args.toArray(String[]::new));
            assertThat(r.exitCode()).as(state.getKey() + ": " + r.err()).isZero();
            models.put(state.getKey(), Files.readAllBytes(model));
            metrics.put(state.getKey(), withoutTimings(Files.readString(json)));
        }
        String first = JIT_STATES.keySet().iterator().next();
        for (String state : JIT_STATES.keySet()) {
            assertThat(models.get(state)).as(backend + ", " + optimizer + ": model file of '" + state + "' vs '"
                    + first + "'").isEqualTo(models.get(first));
            assertThat(metrics.get(state)).as(backend + ", " + optimizer + ": metrics of '" + state + "' vs '"
                    + first + "'").isEqualTo(metrics.get(first));
        }
    }

    /** The metrics JSON without its wall-clock fields, which differ from run to run by design. */
    private static String withoutTimings(String json) {
        return json.lines().filter(l -> !l.contains("\"seconds\"") && !l.contains("\"samples_per_second\""))
                .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).collect(Collectors.joining("\n"));
    }

    /**
     * A regression with an uncentred target, 200 rows of 4 features. Regression on purpose: the last layer's
     * output feeds the gradient directly, so one ulp of difference in a dot product changes the next step (in a
     * binary task the sigmoid absorbs most of them, and the moons runs of issue 13 first differed at epoch 12).
     */
    private static Path writeData() throws IOException {
        Path file = dir.resolve("regression.csv");
        if (!Files.exists(file)) {
            Random random = new Random(17);
            StringBuilder csv = new StringBuilder("x1,x2,x3,x4,y\n");
            for (int i = 0; i < 200; i++) {
                double y = 5;
                for (int j = 0; j < 4; j++) {
                    double x = random.nextGaussian();
                    y += Math.sin(x * (j + 1));
                    csv.append(String.format(Locale.ROOT, "%.5f,", x));
                }
                csv.append(String.format(Locale.ROOT, "%.5f%n", y));
            }
            Files.writeString(file, csv);
        }
        return file;
    }
}
