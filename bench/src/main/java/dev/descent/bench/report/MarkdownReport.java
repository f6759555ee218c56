package dev.descent.bench.report;

import dev.descent.bench.report.Row.Suite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes the report as Markdown: the sitting, the providers, the targets, then one table per suite. */
final class MarkdownReport {
    /** The targets of the vector backend on the training workloads, in samples/s. */
    static final Map<String, Double> TARGETS = Map.of("linreg", 60e6, "logreg", 45e6, "mlp", 100e3);

    /**
     * A provider as {@code ListBackends --json} wrote it.
     *
     * @param name      the provider's name
     * @param available whether it runs here
     * @param device    what it computes on
     * @param reason    why (not) available
     */
    record Provider(String name, boolean available, String device, String reason) {
    }

    private final StringBuilder md = new StringBuilder();

    private MarkdownReport() {
    }

    /**
     * The whole report.
     *
     * @param info      key/value lines describing the sitting (profile, command, date, load), in order
     * @param describe  {@code Backends.describe()} output, or null
     * @param providers every provider, available or not
     * @param rows      our rows and the peers' rows
     * @param limits    the probe's limits
     * @param charts    chart file names (relative to the report) by caption
     */
    static String render(Map<String, String> info, String describe, List<Provider> providers, List<Row> rows,
                         Workloads.Limits limits, Map<String, String> charts) {
        MarkdownReport r = new MarkdownReport();
        r.header(info, describe, providers, limits);
        r.targets(rows);
        r.charts(charts);
        for (Suite suite : Suite.values()) {
            r.suite(suite, rows);
        }
        r.notes();
        return r.md.toString();
    }

    private void header(Map<String, String> info, String describe, List<Provider> providers,
                        Workloads.Limits limits) {
        md.append("# descent benchmark report\n\n");
        for (Map.Entry<String, String> e : info.entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        md.append("- machine limits (probe, this sitting): peak FP32 ")
                .append(Double.isNaN(limits.flops()) ? "not measured" : fmt(limits.flops() / 1e9) + " GFLOP/s")
                .append(", memory bandwidth ")
                .append(Double.isNaN(limits.bytesPerSecond()) ? "not measured"
                        : fmt(limits.bytesPerSecond() / 1e9) + " GB/s")
                .append(" (best of the probe's rows; \"% of limit\" divides by these)\n\n");
        md.append("## Backends\n\n| backend | available | device | reason |\n|---|---|---|---|\n");
        for (Provider p : providers) {
            md.append("| ").append(p.name()).append(" | ").append(p.available() ? "yes" : "**no**").append(" | ")
                    .append(cell(p.device())).append(" | ").append(cell(p.reason())).append(" |\n");
        }
        if (providers.isEmpty()) {
            md.append("| (provider table not given) | | | |\n");
        }
        md.append('\n');
        if (describe != null && !describe.isBlank()) {
            md.append("<details><summary>Backends.describe()</summary>\n\n```\n").append(describe.strip())
                    .append("\n```\n</details>\n\n");
        }
    }

    private void targets(List<Row> rows) {
        md.append("## Training targets and per-step overhead\n\n");
        md.append("| workload | backend | samples/s | target | met | NumPy | PyTorch |\n|---|---|---|---|---|---|---|\n");
        for (String task : List.of("linreg", "logreg", "mlp")) {
            String op = Workloads.taskName(task);
            for (Row row : sorted(rows)) {
                if (row.suite() != Suite.TRAINING || row.peer() || !row.op().equals(op)) {
                    continue;
                }
                double target = row.backend().equals("vector") ? TARGETS.get(task) : Double.NaN;
                md.append("| ").append(op).append(" | ").append(row.backend()).append(" | ").append(fmt(row.rate()))
                        .append(" | ").append(Double.isNaN(target) ? "—" : ">= " + fmt(target)).append(" | ")
                        .append(Double.isNaN(target) ? "—" : row.rate() >= target ? "**yes**" : "**no**")
                        .append(" | ").append(bestPeer(rows, op, "numpy")).append(" | ")
                        .append(bestPeer(rows, op, "torch")).append(" |\n");
            }
        }
        md.append("\nPer-step overhead of autograd and the optimizer (linear models, batch 256): the time of one step "
                + "through the public API minus the same step as bare backend kernel calls "
                + "(`LinearModelKernelsBenchmark`).\n\n");
        md.append("| workload | backend | step (us) | bare kernels (us) | overhead (us) | overhead share |\n"
                + "|---|---|---|---|---|---|\n");
        boolean any = false;
        for (Row train : sorted(rows)) {
            if (train.suite() != Suite.TRAINING || train.peer() || train.op().contains("bare")) {
                continue;
            }
            Optional<Row> bare = rows.stream().filter(r -> r.suite() == Suite.TRAINING && !r.peer()
                    && r.op().equals(train.op() + " (bare kernels)") && r.backend().equals(train.backend())).findFirst();
            if (bare.isEmpty()) {
                continue;
            }
            any = true;
            double step = 256 / train.rate() * 1e6;
            double kernels = 256 / bare.get().rate() * 1e6;
            md.append("| ").append(train.op()).append(" | ").append(train.backend()).append(" | ").append(fmt(step))
                    .append(" | ").append(fmt(kernels)).append(" | ").append(fmt(step - kernels)).append(" | ")
                    .append(pct((step - kernels) / step)).append(" |\n");
        }
        if (!any) {
            md.append("| (no bare-kernel twin in this run) | | | | | |\n");
        }
        md.append('\n');
        autogradSummary(rows);
    }

    private void autogradSummary(List<Row> rows) {
        Map<String, Double> autograd = new LinkedHashMap<>();
        Map<String, Double> hand = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.suite() == Suite.AUTOGRAD && r.op().startsWith("7-op chain: autograd ")) {
                autograd.put(r.backend(), nanos(r));
            } else if (r.suite() == Suite.AUTOGRAD && r.op().startsWith("7-op chain: handWritten")) {
                hand.put(r.backend(), nanos(r));
            }
        }
        if (autograd.isEmpty()) {
            return;
        }
        md.append("Autograd bookkeeping per recorded op (7-op chain on 4-element tensors, forward + backward, "
                + "minus the same kernels called by hand): ");
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> e : autograd.entrySet()) {
            Double h = hand.get(e.getKey());
            parts.add(e.getKey() + " " + fmt(e.getValue()) + " ns/op"
                    + (h == null ? "" : " (bookkeeping " + fmt(e.getValue() - h) + " ns/op)"));
        }
        md.append(String.join("; ", parts)).append(".\n\n");
    }

    private static double nanos(Row r) {
        return new JmhResult.Metric(r.score(), r.error(), r.unit()).secondsPerOp() * 1e9;
    }

    private String bestPeer(List<Row> rows, String op, String lib) {
        return rows.stream().filter(r -> r.peer() && r.suite() == Suite.TRAINING && r.op().equals(op)
                        && r.backend().startsWith(lib)).max(Comparator.comparingDouble(Row::rate))
                .map(r -> fmt(r.rate())).orElse("—");
    }

    private void charts(Map<String, String> charts) {
        if (charts.isEmpty()) {
            return;
        }
        md.append("## Charts\n\n");
        for (Map.Entry<String, String> e : charts.entrySet()) {
            md.append("![").append(e.getKey()).append("](").append(e.getValue()).append(")\n\n");
        }
    }

    private void suite(Suite suite, List<Row> rows) {
        List<Row> ours = sorted(rows).stream().filter(r -> r.suite() == suite && !r.peer()).toList();
        List<Row> peers = sorted(rows).stream().filter(r -> r.suite() == suite && r.peer()).toList();
        if (ours.isEmpty() && peers.isEmpty()) {
            return;
        }
        md.append("## ").append(suite.title).append("\n\n");
        if (!ours.isEmpty()) {
            table(ours);
        }
        if (!peers.isEmpty()) {
            md.append("Peers in the same sitting (`shared/peers/`):\n\n");
            table(peers);
        }
    }

    private void table(List<Row> rows) {
        md.append("| op | size | backend | score | error | rate | % of limit | speed-up over scalar |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.op()).append(" | ").append(r.size()).append(" | ").append(r.backend())
                    .append(" | ").append(fmt(r.score())).append(' ').append(r.unit()).append(" | ")
                    .append(Double.isNaN(r.error()) ? "—" : "± " + fmt(r.error())).append(" | ")
                    .append(Double.isNaN(r.rate()) ? "—" : fmt(r.rate()) + " " + r.rateUnit()).append(" | ")
                    .append(pct(r.limit())).append(" | ")
                    .append(Double.isNaN(r.speedup()) ? "—" : String.format(Locale.ROOT, "%.2fx", r.speedup()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private void notes() {
        md.append("## How to read this\n\n"
                + "- score and error are JMH's (mean and 99.9% half-width; — when too few iterations to tell).\n"
                + "- GEMM rates count 2n³ FLOPs; memory-bound rates count every array read or written once "
                + "(STREAM convention, no write-allocate), so cache-resident sizes can exceed 100% of the DRAM "
                + "bandwidth limit.\n"
                + "- % of limit divides by the best FMA peak and the best copy/triad bandwidth the probe measured "
                + "on all cores in this sitting; a one-thread backend (scalar) can reach at most its share.\n"
                + "- speed-up over scalar compares time per operation on the same work in the same sitting.\n"
                + "- Training: samples/s through the public API (zeroGrad, forward, loss, backward, step); "
                + "\"bare kernels\" is the same linear-model step as direct backend calls. % of limit: the linear "
                + "models against streaming 260 bytes per sample (64 features and the target) at the probe's "
                + "bandwidth, the MLP against 6 x (784·256 + 256·10) FLOPs per sample at the probe's FMA peak.\n");
    }

    static List<Row> sorted(List<Row> rows) {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Row::suite)
                .thenComparingLong(r -> r.suite() == Suite.TRAINING ? r.sizeKey() : 0).thenComparing(Row::op).thenComparingLong(Row::sizeKey)
                .thenComparing(Row::size).thenComparing(r -> backendOrder(r.backend())));
        return copy;
    }

    private static String backendOrder(String backend) {
        return switch (backend) {
            case "scalar" -> "0";
            case "vector" -> "1";
            default -> "2" + backend;
        };
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) || Double.isInfinite(fraction) ? "—"
                : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** Three significant figures, thousands separated above 1000. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        // thresholds on the value rounded to three significant figures, so that 99.9999 prints as 100
        double a = Math.abs(new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue());
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
