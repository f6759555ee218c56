package dev.descent.examples;

import java.util.List;

/**
 * The training run of {@code bin/example}'s ahead-of-time cache (JDK 25, JEP 483/514/515): the build runs this class
 * once under {@code -XX:AOTCacheOutput=target/descent-examples.aot} and {@code bin/example} starts with
 * {@code -XX:AOTCache=...} while the cache is newer than the jar, so an example begins with its classes loaded and
 * linked and its methods profiled. The workload is every example, on the default backend, plus one on scalar.
 *
 * <p>Build-time tool, not API: no arguments; exits 1 if an example fails.
 */
public final class AotTraining {
    private AotTraining() {
    }

    /** Runs each example once. */
    public static void main(String[] args) {
        List<String[]> commands = List.of(
                new String[] {"linear-gd"},
                new String[] {"linear-sgd"},
                new String[] {"linear-autograd"},
                new String[] {"logistic"},
                new String[] {"mlp", "--iterations", "300"},
                new String[] {"linear-gd", "--backend", "scalar"});
        for (String[] command : commands) {
            int code = Examples.execute(command);
            if (code != 0) {
                System.err.println("AotTraining: example " + String.join(" ", command) + " exited with " + code);
                System.exit(1);
            }
        }
    }
}
