package dev.descent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code descent} as a user would: a separate JVM (this test's java and class path), real arguments, real
 * files, captured stdout and stderr, and its exit code.
 */
final class CliProcess {
    /** What one run produced. */
    record Result(int exitCode, String out, String err) {
        /** The stderr lines that are not the JVM's own incubator notice. */
        List<String> errorLines() {
            return err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        }
    }

    private CliProcess() {
    }

    /** Starts {@code descent args} with its output discarded, for tests that stop it themselves. */
    static Process start(Path workDir, String... args) throws IOException {
        return start(workDir, List.of(), args);
    }

    /** {@link #start(Path, String...)} with extra JVM options ({@code -Ddescent.threads=2}). */
    static Process start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
        return builder(workDir, jvmOptions, "dev.descent.cli.DescentCli", args)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * A JVM running {@code mainClass} of this test's class path with the incubator vector module, as
     * {@code bin/descent} starts one.
     */
    static ProcessBuilder builder(Path workDir, List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-modules=jdk.incubator.vector");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("DESCENT_BACKEND");
        return pb;
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, List.of(), args);
    }

    /** {@link #run(Path, String...)} with extra JVM options. */
    static Result run(Path workDir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return run(workDir, jvmOptions, null, args);
    }

    /**
     * {@link #run(Path, List, String...)} with standard output sent to {@code stdout} ({@code /dev/full} to see a
     * full disk) instead of being captured; null captures it.
     */
    static Result run(Path workDir, List<String> jvmOptions, Path stdout, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder pb = builder(workDir, jvmOptions, "dev.descent.cli.DescentCli", args);
        Path out = Files.createTempFile("descent-out", ".txt");
        Path err = Files.createTempFile("descent-err", ".txt");
        try {
            pb.redirectOutput(stdout == null ? out.toFile() : stdout.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("descent " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code a} followed by {@code b}: a base command line with a few more arguments. */
    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
