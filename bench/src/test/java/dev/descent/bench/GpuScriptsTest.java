package dev.descent.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CI-safe checks of {@code bench/gpu/} (the prepared GPU run; CI has no GPU and no TornadoVM): every script
 * parses, the package size check passes and fails on the right side of its limit, the argfile cutter writes the
 * three backend choices, run.sh rejects bad input with one line before touching anything, and summarize.py turns
 * a small run (JMH and torch JSON with round figures) into the expected rates and target verdicts.
 */
class GpuScriptsTest {
    private static final Path GPU = Path.of("gpu");

    /** A finished process: exit code and everything it printed (stdout and stderr together). */
    private record Run(int code, String output) {
    }

    private static Run run(Path workingDir, List<String> command, String... environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Run bash(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(args));
        return run(Path.of("."), command);
    }

    @Test
    void everyScriptParses() throws Exception {
        List<Path> scripts;
        try (var files = Files.list(GPU)) {
            scripts = files.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        assertThat(scripts).extracting(p -> p.getFileName().toString())
                .contains("pack.sh", "run.sh", "check-size.sh", "argfile-template.sh");
        for (Path script : scripts) {
            Run parsed = bash("-n", script.toString());
            assertThat(parsed.code()).as("bash -n %s: %s", script, parsed.output()).isZero();
        }
    }

    @Test
    void sizeCheckFailsOnlyOverTheLimit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("package.tar.xz");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 + 1);   // just over 3 MiB
        }
        Run under = bash(GPU.resolve("check-size.sh").toString(), file.toString(), "4");
        assertThat(under.code()).as(under.output()).isZero();
        assertThat(under.output()).contains("3145729 bytes (3.0 MiB; limit 4 MiB)");

        Run over = bash(GPU.resolve("check-size.sh").toString(), file.toString(), "3");
        assertThat(over.code()).isEqualTo(1);
        assertThat(over.output()).contains("over the 3 MiB limit");

        Run bad = bash(GPU.resolve("check-size.sh").toString(), file.toString(), "lots");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.output()).contains("whole number of MiB, got 'lots'");
    }

    @Test
    void argfileTemplatesNameOnlyTheChosenDrivers(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("tornado-argfile.template");
        Files.writeString(template, String.join("\n",
                "-XX:+EnableJVMCI",
                "--module-path .:${TORNADOVM_HOME}/share/java/tornado",
                "--add-modules ALL-SYSTEM,tornado.runtime,tornado.drivers.common,tornado.drivers.opencl,tornado.drivers.ptx",
                "--enable-native-access=tornado.drivers.opencl,tornado.drivers.ptx",
                "# ===: common-exports ===",
                "--add-exports=a/b=tornado.runtime",
                "# === opencl-exports ===",
                "--add-exports=a/b=tornado.drivers.opencl",
                "# === ptx-exports ===",
                "--add-exports=a/b=tornado.drivers.ptx", ""));
        Run cut = bash(GPU.resolve("argfile-template.sh").toString(), template.toString(), dir.toString());
        assertThat(cut.code()).as(cut.output()).isZero();

        String ptx = Files.readString(dir.resolve("tornado-argfile-ptx.template"));
        assertThat(ptx).contains("--module-path ${TORNADOVM_HOME}/share/java/tornado:${TORNADOVM_HOME}/share/java/tornado-ptx\n")
                .contains("--add-modules ALL-SYSTEM,tornado.runtime,tornado.drivers.common,tornado.drivers.ptx\n")
                .contains("--enable-native-access=tornado.drivers.ptx\n")
                .contains("=tornado.runtime").contains("=tornado.drivers.ptx")
                .doesNotContain("drivers.opencl").doesNotContain("-XX:+EnableJVMCI\n--module-path .:");
        String opencl = Files.readString(dir.resolve("tornado-argfile-opencl.template"));
        assertThat(opencl).contains("share/java/tornado-opencl\n").doesNotContain("ptx");
        String both = Files.readString(dir.resolve("tornado-argfile-opencl-ptx.template"));
        assertThat(both).contains("share/java/tornado-opencl:${TORNADOVM_HOME}/share/java/tornado-ptx\n")
                .contains("tornado.drivers.common,tornado.drivers.opencl,tornado.drivers.ptx\n");

        Files.writeString(template, "--add-modules ALL-SYSTEM,tornado.runtime,tornado.drivers.opencl\n");
        Run single = bash(GPU.resolve("argfile-template.sh").toString(), template.toString(), dir.toString());
        assertThat(single.code()).isEqualTo(1);
        assertThat(single.output()).contains("not an argfile template of a TornadoVM build with both");
    }

    @Test
    void runRejectsBadInputWithOneLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.tar.xz");
        Run noPackage = run(Path.of("."), List.of("bash", GPU.resolve("run.sh").toString(), missing.toString()),
                "OUT", dir.resolve("out").toString());
        assertThat(noPackage.code()).isEqualTo(2);
        assertThat(noPackage.output().strip()).isEqualTo("run.sh: no package at " + missing
                + ": make it with bench/gpu/pack.sh (and carry it to the device)");

        Run badProfile = run(Path.of("."), List.of("bash", GPU.resolve("run.sh").toString(), missing.toString()),
                "PROFILE", "fast");
        assertThat(badProfile.code()).isEqualTo(2);
        assertThat(badProfile.output()).contains("PROFILE must be gpu or rehearsal, got 'fast'");

        Run badSize = run(Path.of("."), List.of("bash", GPU.resolve("run.sh").toString(), missing.toString()),
                "GEMM_SIZES", "1024,big");
        assertThat(badSize.code()).isEqualTo(2);
        assertThat(badSize.output()).contains("whole numbers, got 'big'");
    }

    @Test
    void summarizeComparesDescentWithTorch(@TempDir Path out) throws Exception {
        assumeTrue(python3(), "python3 is not installed");
        Files.createDirectories(out.resolve("jmh"));
        // GEMM n=4096 in 10,000 us: 2 * 4096^3 / 1e-2 s = 13,744 GFLOP/s; torch at 27,488 GFLOP/s: exactly half.
        Files.writeString(out.resolve("jmh/gemm-4096.json"), """
                [{"benchmark": "dev.descent.bench.kernels.GemmBenchmark.gemm",
                  "params": {"backend": "tornadovm", "n": "4096", "variant": "NN"},
                  "primaryMetric": {"score": 10000.0, "scoreError": 1.0, "scoreUnit": "us/op"},
                  "secondaryMetrics": {}}]""");
        Files.writeString(out.resolve("jmh/adam.json"), """
                [{"benchmark": "dev.descent.bench.optim.OptimizerStepBenchmark.adamStep",
                  "params": {"backend": "tornadovm", "size": "16777216"},
                  "primaryMetric": {"score": 5000.0, "scoreError": 1.0, "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"bytes": {"score": 3.0e12, "scoreError": 0, "scoreUnit": "ops/s"}}}]""");
        Files.writeString(out.resolve("jmh/mlp.json"), """
                [{"benchmark": "dev.descent.bench.train.TrainingBenchmark.train",
                  "params": {"backend": "tornadovm", "task": "mlp", "steps": "0"},
                  "primaryMetric": {"score": 2.0, "scoreError": 0.1, "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"samples": {"score": 120000.0, "scoreError": 0, "scoreUnit": "ops/s"}}}]""");
        Files.writeString(out.resolve("torch.json"), """
                {"tool": "torch", "torch": "2.11", "device": "NVIDIA H200", "cuda": "13.0", "measurements": [
                  {"name": "copy", "n": 1, "seconds": 1, "gbps": 4000.0},
                  {"name": "gemm", "n": 4096, "seconds": 1, "gflops": %s},
                  {"name": "adam", "variant": "fused", "n": 16777216, "seconds": 1, "gbps": 3500.0},
                  {"name": "adam", "variant": "foreach", "n": 16777216, "seconds": 1, "gbps": 2000.0},
                  {"name": "mlp", "steps_per_op": 469, "batch": 128, "seconds_per_op": 1, "samples_per_s": 60000.0,
                   "epoch_seconds": 1.0},
                  {"name": "linear", "skipped": "time budget spent"}]}""".formatted(2 * Math.pow(4096, 3) / 1e-2 / 1e9 * 2));
        Files.writeString(out.resolve("status.txt"), "backends\tok\t3\ttornadovm yes 50 NVIDIA H200\n");
        Files.writeString(out.resolve("info.txt"), "profile: gpu\n");

        Run summarized = run(out, List.of("python3", Path.of("gpu/summarize.py").toAbsolutePath().toString(), "."));
        assertThat(summarized.code()).as(summarized.output()).isZero();
        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).contains("| GEMM n=4096 (FP32, NN) | 13,744 | 27,488 | GFLOP/s | 0.50 | torch.mm (cuBLAS) |")
                .contains("| Adam step, 16,777,216 parameters | 3,000 | 3,500 | GB/s (7 x 4 B/param) | 0.86 |"
                        + " torch.optim.Adam (fused) |")
                .contains("| MLP 784-256-10 epoch (Adam, batch 128) | 120,000 | 60,000 | samples/s | 2.00 |")
                .contains("| linear model epoch (SGD, batch 256) |  |  | samples/s |  |")
                .contains("- GEMM n >= 4096 at >= 50% of cuBLAS: met (lowest 50%)")
                .contains("Adam at >= 70% of the device's memory bandwidth (torch copy 4000 GB/s): met (75%)")
                .contains("- MLP epoch faster than torch eager: met (2.00x)")
                .contains("| backends | ok | 3 | tornadovm yes 50 NVIDIA H200 |");
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"copy_bandwidth_gbps\": 4000.0");
    }

    private static boolean python3() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
