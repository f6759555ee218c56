package dev.descent.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of JMH's JSON result file ({@code -rf json}): the benchmark's class and method, its parameters, the
 * primary score with its error and unit, and the secondary (auxiliary counter) scores.
 *
 * @param benchmarkClass simple class name, e.g. {@code GemmBenchmark}
 * @param method         benchmark method, e.g. {@code gemm}
 * @param mode           JMH mode: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param threads        threads the benchmark ran on
 * @param params         parameter values by name, in JMH's order
 * @param primary        the primary score
 * @param secondary      secondary scores by name (auxiliary counters)
 */
record JmhResult(String benchmarkClass, String method, String mode, int threads, Map<String, String> params,
                 Metric primary, Map<String, Metric> secondary) {

    /**
     * A score with its 99.9% half-width error (NaN when JMH had too few iterations) and its unit.
     *
     * @param score the mean score
     * @param error the half-width of the confidence interval, NaN if unknown
     * @param unit  JMH's unit string: {@code us/op}, {@code ops/s}, ...
     */
    record Metric(double score, double error, String unit) {
        /** Seconds per operation, whatever the unit ({@code x/op} is a time, {@code ops/x} a rate). */
        double secondsPerOp() {
            if (unit.endsWith("/op")) {
                return score * secondsOf(unit.substring(0, unit.length() - 3));
            }
            if (unit.startsWith("ops/")) {
                return secondsOf(unit.substring(4)) / score;
            }
            throw new IllegalArgumentException("unknown JMH unit " + unit);
        }

        /** Operations per second, whatever the unit. */
        double opsPerSecond() {
            return 1.0 / secondsPerOp();
        }

        /** The relative error (error / score), NaN when unknown. */
        double relativeError() {
            return error / score;
        }

        private static double secondsOf(String timeUnit) {
            return switch (timeUnit) {
                case "s" -> 1;
                case "ms" -> 1e-3;
                case "us" -> 1e-6;
                case "ns" -> 1e-9;
                case "min" -> 60;
                default -> throw new IllegalArgumentException("unknown JMH time unit " + timeUnit);
            };
        }
    }

    /** The parameter {@code name}, or null when the benchmark has none of that name. */
    String param(String name) {
        return params.get(name);
    }

    /** The parameter {@code name} as an int. */
    long longParam(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException(benchmarkClass + "." + method + " has no parameter " + name);
        }
        return Long.parseLong(v);
    }

    /** The backend parameter, or null for benchmarks that are not per backend (the machine probe). */
    String backend() {
        return params.get("backend");
    }

    /** Reads every result of a JMH JSON file. */
    static List<JmhResult> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isArray()) {
            throw new IOException(file + ": not a JMH JSON result file (expected an array)");
        }
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode node : root) {
            String full = node.path("benchmark").asText();
            int dot = full.lastIndexOf('.');
            String cls = full.substring(0, dot);
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.path("params").properties()) {
                params.put(e.getKey(), e.getValue().asText());
            }
            Map<String, Metric> secondary = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.path("secondaryMetrics").properties()) {
                secondary.put(e.getKey(), metric(e.getValue()));
            }
            results.add(new JmhResult(cls, full.substring(dot + 1), node.path("mode").asText(),
                    node.path("threads").asInt(1), params, metric(node.path("primaryMetric")), secondary));
        }
        return results;
    }

    private static Metric metric(JsonNode node) {
        return new Metric(number(node.path("score")), number(node.path("scoreError")),
                node.path("scoreUnit").asText());
    }

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        String text = node.asText("NaN").toLowerCase(Locale.ROOT);
        return text.equals("nan") || text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }
}
