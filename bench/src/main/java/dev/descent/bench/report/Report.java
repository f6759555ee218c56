package dev.descent.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.bench.report.Row.Suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one sitting's benchmark outputs into {@code report.md} and SVG charts.
 *
 * <pre>
 * java -cp benchmarks.jar dev.descent.bench.report.Report --results results.json --out DIR
 *     [--backends backends.json] [--peers PEERS_DIR] [--info info.txt]
 * </pre>
 * <ul>
 *   <li>{@code --results}: JMH's JSON ({@code -rf json}); several files may be given, comma-separated;</li>
 *   <li>{@code --backends}: the provider table {@code ListBackends --json} wrote, so that unavailable backends
 *       are listed with their reason;</li>
 *   <li>{@code --peers}: the folder where {@code bench/run.sh} saved the peer scripts' output (see
 *       {@link Peers}); their figures are shown beside ours;</li>
 *   <li>{@code --info}: {@code key: value} lines about the sitting (profile, command, date, load), shown first.</li>
 * </ul>
 * Stateless; a command-line entry point.
 */
public final class Report {
    private Report() {
    }

    /**
     * Entry point; exits with status 2 on a bad command line.
     *
     * @param args see the class comment
     * @throws IOException if an input cannot be read or an output written
     */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.containsKey("results") || !options.containsKey("out")) {
            usage("--results and --out are required");
        }
        Path out = Path.of(options.get("out"));
        List<Path> results = new ArrayList<>();
        for (String f : options.get("results").split(",")) {
            results.add(Path.of(f));
        }
        Path written = write(results, path(options.get("backends")), path(options.get("peers")),
                path(options.get("info")), out);
        System.out.println("report: " + written);
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    private static void usage(String problem) {
        System.err.println("Report: " + problem + "\nusage: Report --results results.json[,more.json] --out DIR"
                + " [--backends backends.json] [--peers DIR] [--info info.txt]");
        System.exit(2);
    }

    /**
     * Reads the inputs and writes {@code report.md} and the charts into {@code out}.
     *
     * @return the report file
     */
    static Path write(List<Path> resultFiles, Path backends, Path peersFolder, Path info, Path out)
            throws IOException {
        List<JmhResult> results = new ArrayList<>();
        for (Path f : resultFiles) {
            if (Files.exists(f) && Files.size(f) > 0) {
                results.addAll(JmhResult.read(f));
            }
        }
        Workloads.Limits limits = Workloads.Limits.of(results);
        List<Row> rows = new ArrayList<>(Workloads.rows(results, limits));
        rows.addAll(relevant(peerRows(Peers.read(peersFolder), limits), rows));

        List<MarkdownReport.Provider> providers = new ArrayList<>();
        String describe = null;
        if (backends != null && Files.exists(backends)) {
            JsonNode root = new ObjectMapper().readTree(backends.toFile());
            for (JsonNode p : root.path("providers")) {
                providers.add(new MarkdownReport.Provider(p.path("name").asText(), p.path("available").asBoolean(),
                        p.path("device").asText(), p.path("reason").asText()));
            }
            describe = root.path("describe").asText(null);
        }
        Map<String, String> infoLines = new LinkedHashMap<>();
        if (info != null && Files.exists(info)) {
            for (String line : Files.readAllLines(info)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    infoLines.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        }
        Files.createDirectories(out);
        Map<String, String> charts = new LinkedHashMap<>();
        rows = MarkdownReport.sorted(rows);
        put(charts, "SGEMM GFLOP/s against n, per backend and peer", Charts.gemm(rows, out, limits.flops() / 1e9));
        put(charts, "Training throughput per backend and peer", Charts.training(rows, out));
        put(charts, "Memory-bound kernels and optimizer steps, GB/s", Charts.bandwidth(rows, out));
        Path report = out.resolve("report.md");
        Files.writeString(report, MarkdownReport.render(infoLines, describe, providers, rows, limits, charts));
        return report;
    }

    private static void put(Map<String, String> charts, String caption, String file) {
        if (file != null) {
            charts.put(caption, file);
        }
    }

    /** The peers' figures as report rows, in the sections where ours are. */
    static List<Row> peerRows(List<Peers.Result> peers, Workloads.Limits limits) {
        List<Row> rows = new ArrayList<>();
        for (Peers.Result p : peers) {
            double flops = p.value() * 1e9 / limits.flops();
            double bytes = p.value() * 1e9 / limits.bytesPerSecond();
            switch (p.kind()) {
                case "fma" -> rows.add(peer(Suite.PROBE, "FMA peak " + p.op().substring(3) + "-bit",
                        p.size() == 1 ? "1 thread" : p.size() + " threads", p.size(), "C (gcc -O3)", p, flops));
                case "stream" -> {
                    if (p.op().equals("copy") || p.op().equals("triad")) {
                        rows.add(peer(Suite.PROBE, p.op() + " " + Workloads.human(p.size()) + " floats",
                                p.label().substring(2), p.size(), "C", p, bytes));
                    } else {
                        rows.add(peer(Suite.BLAS1, p.op().equals("saxpy") ? "axpy" : "dot",
                                "n=" + Workloads.human(p.size()), p.size(), p.label(), p, bytes));
                    }
                }
                case "gemm" -> rows.add(peer(Suite.GEMM, "gemm NN", "n=" + p.size(), p.size(), p.label(), p, flops));
                case "blas1" -> rows.add(peer(Suite.BLAS1, p.op().equals("saxpy") ? "axpy" : "dot",
                        "n=" + Workloads.human(p.size()), p.size(), p.label(), p, bytes));
                case "train" -> rows.add(peer(Suite.TRAINING, Workloads.taskName(p.op()),
                        p.op().equals("mlp") ? "60K x 784, batch 128, epoch" : "1M x 64, batch 256, epoch",
                        Workloads.taskKey(p.op()), p.label(), p,
                        Workloads.trainingLimit(p.op(), p.value(), limits)));
                default -> {
                }
            }
        }
        return rows;
    }

    /**
     * The peer rows worth showing beside {@code ours}: every FMA peak, the C STREAM copy/triad at its DRAM size
     * (the probe's yardstick), training, and for the kernel suites only the sizes we measured too (the peer
     * scripts sweep more sizes than a profile runs). With no rows of ours in a suite, all its peer rows are kept.
     */
    static List<Row> relevant(List<Row> peers, List<Row> ours) {
        java.util.Set<String> sizes = new java.util.HashSet<>();
        java.util.Set<Suite> suites = java.util.EnumSet.noneOf(Suite.class);
        for (Row r : ours) {
            sizes.add(r.suite() + "|" + r.size());
            suites.add(r.suite());
        }
        List<Row> kept = new ArrayList<>();
        for (Row p : peers) {
            boolean keep = switch (p.suite()) {
                case PROBE -> p.op().startsWith("FMA") || p.sizeKey() >= 16 << 20;
                case GEMM, BLAS1 -> !suites.contains(p.suite()) || sizes.contains(p.suite() + "|" + p.size());
                default -> true;
            };
            if (keep) {
                kept.add(p);
            }
        }
        return kept;
    }

    private static Row peer(Suite suite, String op, String size, long key, String label, Peers.Result p,
                            double limit) {
        return new Row(suite, op, size, key, label, true, p.value(), Double.NaN, p.unit(), p.value(), p.unit(),
                limit, Double.NaN);
    }
}
