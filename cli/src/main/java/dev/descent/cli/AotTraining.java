package dev.descent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the {@code descent} launcher's ahead-of-time cache (JDK 25, JEP 483/514/515): the build runs
 * this class once under {@code -XX:AOTCacheOutput=target/descent-cli.aot}, and the JVM stores the classes it
 * loaded and linked, the call sites it resolved and the method profiles it gathered; {@code bin/descent} then
 * starts with {@code -XX:AOTCache=...}, so a short job begins where this run ended instead of loading, linking and
 * profiling from scratch. The workload is the commands a new user runs first, on the shipped example data: the
 * README's main job (linear regression with standardization, a test set, a model file, metrics and a plot), the
 * moons MLP with Adam, a multiclass MLP, {@code predict}, a scalar-backend run and {@code backends}.
 *
 * <p>Build-time tool, not API: arguments are the example data folder and a scratch folder for the outputs; exits
 * 1 if a command fails (the build then stops rather than ship a cache of a broken run).
 */
public final class AotTraining {
    private AotTraining() {
    }

    /** {@code AotTraining DATA_DIR SCRATCH_DIR}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AotTraining DATA_DIR SCRATCH_DIR");
            System.exit(2);
        }
        String data = args[0];
        Path scratch = Files.createDirectories(Path.of(args[1]));
        String model = scratch.resolve("house.safetensors").toString();
        List<String[]> commands = List.of(
                new String[] {"train", "--data", data + "/house.csv", "--target", "price", "--standardize", "--lr",
                        "0.05", "--epochs", "30", "--test-data", data + "/house_test.csv", "--out", model,
                        "--metrics-json", scratch.resolve("metrics.json").toString(), "--plot",
                        scratch.resolve("loss.svg").toString()},
                new String[] {"predict", "--model", model, "--data", data + "/house_test.csv", "--out",
                        scratch.resolve("predictions.csv").toString()},
                new String[] {"train", "--data", data + "/moons.csv", "--target", "label", "--task", "binary",
                        "--model", "mlp:16,16", "--optimizer", "adam", "--lr", "0.01", "--epochs", "10", "--quiet",
                        "--test-data", data + "/moons_test.csv"},
                new String[] {"train", "--data", data + "/blobs.csv", "--target", "class", "--task", "multiclass",
                        "--model", "mlp:32,32", "--optimizer", "adam", "--lr", "0.01", "--epochs", "5", "--quiet",
                        "--test-data", data + "/blobs_test.csv"},
                new String[] {"train", "--data", data + "/house.csv", "--target", "price", "--standardize", "--lr",
                        "0.05", "--epochs", "3", "--backend", "scalar", "--quiet"},
                new String[] {"backends"});
        for (String[] command : commands) {
            int code = DescentCli.execute(command);
            if (code != 0) {
                System.err.println("AotTraining: descent " + String.join(" ", command) + " exited with " + code);
                System.exit(1);
            }
        }
    }
}
