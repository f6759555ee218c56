package dev.descent.bench.report;

import dev.descent.bench.report.Row.Suite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each benchmark computes, so that a JMH score becomes a rate: FLOPs per operation for compute-bound
 * kernels (GEMM: 2n³), bytes moved per operation for memory-bound ones (counted as STREAM does: every array read
 * or written once, no write-allocate traffic), samples per second for training. Bytes and FLOPs follow each
 * benchmark's javadoc; changing a benchmark's work means changing it here too.
 */
final class Workloads {
    /** The machine's limits from the probe: peak FP32 FLOP/s and bandwidth in bytes/s; NaN when not probed. */
    record Limits(double flops, double bytesPerSecond) {
        static Limits of(List<JmhResult> results) {
            double flops = Double.NaN;
            double bytes = Double.NaN;
            for (JmhResult r : results) {
                switch (r.benchmarkClass()) {
                    case "FmaPeakBenchmark" -> flops = max(flops, r.primary().opsPerSecond());
                    case "BandwidthBenchmark" -> bytes = max(bytes, r.primary().opsPerSecond());
                    default -> {
                    }
                }
            }
            return new Limits(flops, bytes);
        }

        private static double max(double a, double b) {
            return Double.isNaN(a) ? b : Math.max(a, b);
        }
    }

    private Workloads() {
    }

    /** One row per result, with rates, fractions of {@code limits} and speed-ups over scalar filled in. */
    static List<Row> rows(List<JmhResult> results, Limits limits) {
        List<Row> rows = new ArrayList<>();
        for (JmhResult r : results) {
            rows.add(row(r, limits));
        }
        return withSpeedups(rows);
    }

    static Row row(JmhResult r, Limits limits) {
        JmhResult.Metric m = r.primary();
        String method = r.method();
        String backend = r.backend() == null ? "java" : r.backend();
        double perOp = m.secondsPerOp();
        return switch (r.benchmarkClass()) {
            case "GemmBenchmark" -> {
                long n = r.longParam("n");
                yield compute(r, Suite.GEMM, "gemm " + r.param("variant"), "n=" + n, n, backend, 2.0 * n * n * n / perOp,
                        limits);
            }
            case "Blas1Benchmark" -> {
                long n = r.longParam("n");
                yield memory(r, Suite.BLAS1, method, "n=" + human(n), n, backend,
                        (method.equals("axpy") ? 12.0 : 8.0) * n / perOp, limits);
            }
            case "ActivationBenchmark" -> {
                long n = r.longParam("n");
                String size = method.equals("softmax") ? "1024 x " + (n / 1024) : "n=" + human(n);
                yield memory(r, Suite.ELEMENTWISE, method, size, n, backend, 8.0 * n / perOp, limits);
            }
            case "ElementwiseBenchmark" -> {
                long n = r.longParam("n");
                boolean two = method.equals("add") || method.equals("mul");
                String size = method.equals("addRowBroadcast") ? (n / 64) + " x 64" : "n=" + human(n);
                yield memory(r, Suite.ELEMENTWISE, method, size, n, backend, (two ? 12.0 : 8.0) * n / perOp, limits);
            }
            case "ReductionBenchmark" -> {
                long n = r.longParam("n");
                yield memory(r, Suite.REDUCTION, reductionName(method), n + " x " + n, n * n, backend,
                        4.0 * n * n / perOp, limits);
            }
            case "GatherBenchmark" -> {
                long rows = r.longParam("rows");
                yield memory(r, Suite.REDUCTION, "gather rows", rows + " rows x 64", rows, backend,
                        2.0 * 4 * 64 * rows / perOp, limits);
            }
            case "OptimizerStepBenchmark" -> {
                long size = r.longParam("size");
                boolean adam = method.startsWith("adam");
                yield memory(r, Suite.OPTIMIZER, adam ? "Adam step" : "SGD momentum step", human(size) + " params",
                        size, backend, (adam ? 28.0 : 20.0) * size / perOp, limits);
            }
            case "AutogradOverheadBenchmark" -> latency(r, Suite.AUTOGRAD, "7-op chain: " + method + " (per op)",
                    "4 floats", 4, backend);
            case "TinyMlpStepBenchmark" -> {
                String batch = r.param("batch") == null ? "16" : r.param("batch");
                yield latency(r, Suite.AUTOGRAD, "tiny MLP " + method + " (per step)", "8-16-1, batch " + batch,
                        Long.parseLong(batch), backend);
            }
            case "TrainingBenchmark", "LinearModelKernelsBenchmark" -> {
                String task = r.param("task");
                boolean bare = r.benchmarkClass().equals("LinearModelKernelsBenchmark");
                JmhResult.Metric samples = r.secondary().get("samples");
                double rate = samples == null ? Double.NaN : samples.opsPerSecond();
                yield new Row(Suite.TRAINING, taskName(task) + (bare ? " (bare kernels)" : ""), taskSize(task, r),
                        taskKey(task), backend, false, m.score(), m.error(), m.unit(), rate, "samples/s",
                        trainingLimit(task, rate, limits), Double.NaN);
            }
            // the probe's scores are FLOP/s and bytes/s: shown in GFLOP/s and GB/s
            case "FmaPeakBenchmark" -> probe(r, "FMA peak " + method.substring(3, 6) + "-bit", "GFLOP/s",
                    limits.flops());
            case "BandwidthBenchmark" -> probe(r, (method.startsWith("copy") ? "copy" : "triad") + " 64M floats",
                    "GB/s", limits.bytesPerSecond());
            default -> new Row(Suite.OTHER, r.benchmarkClass() + "." + method, r.params().toString(), 0, backend,
                    false, m.score(), m.error(), m.unit(), Double.NaN, "", Double.NaN, Double.NaN);
        };
    }

    private static Row probe(JmhResult r, String op, String unit, double limit) {
        JmhResult.Metric m = r.primary();
        if (!m.unit().equals("ops/s")) {
            throw new IllegalArgumentException(r.benchmarkClass() + " must report ops/s, got " + m.unit());
        }
        return new Row(Suite.PROBE, op, threadsLabel(r), r.threads(), "java", false, m.score() / 1e9,
                m.error() / 1e9, unit, m.score() / 1e9, unit, m.score() / limit, Double.NaN);
    }

    private static Row compute(JmhResult r, Suite suite, String op, String size, long key, String backend,
                               double flopsPerSecond, Limits limits) {
        JmhResult.Metric m = r.primary();
        return new Row(suite, op, size, key, backend, false, m.score(), m.error(), m.unit(), flopsPerSecond / 1e9,
                "GFLOP/s", flopsPerSecond / limits.flops(), Double.NaN);
    }

    private static Row memory(JmhResult r, Suite suite, String op, String size, long key, String backend,
                              double bytesPerSecond, Limits limits) {
        JmhResult.Metric m = r.primary();
        return new Row(suite, op, size, key, backend, false, m.score(), m.error(), m.unit(), bytesPerSecond / 1e9,
                "GB/s", bytesPerSecond / limits.bytesPerSecond(), Double.NaN);
    }

    private static Row latency(JmhResult r, Suite suite, String op, String size, long key, String backend) {
        JmhResult.Metric m = r.primary();
        return new Row(suite, op, size, key, backend, false, m.score(), m.error(), m.unit(), Double.NaN, "",
                Double.NaN, Double.NaN);
    }

    /** Fills each backend's speed-up over the scalar row of the same suite, op and size (time ratio). */
    static List<Row> withSpeedups(List<Row> rows) {
        Map<String, Row> scalar = new HashMap<>();
        for (Row row : rows) {
            if (!row.peer() && row.backend().equals("scalar")) {
                scalar.put(key(row), row);
            }
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Row base = scalar.get(key(row));
            if (row.peer() || base == null || row == base) {
                out.add(row);
                continue;
            }
            out.add(row.withSpeedup(seconds(base) / seconds(row)));
        }
        return out;
    }

    private static double seconds(Row row) {
        return new JmhResult.Metric(row.score(), row.error(), row.unit()).secondsPerOp();
    }

    private static String key(Row row) {
        return row.suite() + "|" + row.op() + "|" + row.size();
    }

    /**
     * A training rate as a fraction of what the machine allows: the linear models must stream each sample's 64
     * features and target from memory once per epoch (260 bytes; the backward pass rereads the batch from cache),
     * so their limit is bandwidth / 260 B; the MLP does 6 x (784·256 + 256·10) FLOPs per sample (forward 2x,
     * backward 4x the multiply-adds), so its limit is the FMA peak over that.
     */
    static double trainingLimit(String task, double samplesPerSecond, Limits limits) {
        return switch (task) {
            case "linreg", "logreg" -> samplesPerSecond * 4.0 * (64 + 1) / limits.bytesPerSecond();
            case "mlp" -> samplesPerSecond * 6.0 * (784 * 256 + 256 * 10) / limits.flops();
            default -> Double.NaN;
        };
    }

    static String taskName(String task) {
        return switch (task) {
            case "linreg" -> "linear regression";
            case "logreg" -> "logistic regression";
            case "mlp" -> "MLP 784-256-10";
            default -> task;
        };
    }

    static long taskKey(String task) {
        return switch (task) {
            case "linreg" -> 0;
            case "logreg" -> 1;
            default -> 2;
        };
    }

    private static String taskSize(String task, JmhResult r) {
        String steps = r.param("steps");
        String shape = task.equals("mlp") ? "60K x 784, batch 128" : "1M x 64, batch 256";
        return steps == null || steps.equals("0") ? shape + ", epoch" : shape + ", " + steps + " steps/op";
    }

    private static String reductionName(String method) {
        String op = method.startsWith("sum") ? "sum" : "max";
        String rest = method.substring(3);
        return switch (rest) {
            case "Axis0" -> op + " axis 0";
            case "Axis1" -> op + " axis 1";
            default -> op + " all";
        };
    }

    private static String threadsLabel(JmhResult r) {
        return r.threads() == 1 ? "1 thread" : r.threads() + " threads";
    }

    /** 4096 as 4K, 1048576 as 1M; other numbers as they are. */
    static String human(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + "M";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + "K";
        }
        return String.format(Locale.ROOT, "%d", n);
    }
}
