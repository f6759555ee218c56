package dev.descent.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the peer scripts of {@code shared/peers/} print, saved by {@code bench/run.sh} as text files in one
 * folder: {@code c.txt} ({@code c/run.sh}: FMA peak and STREAM), {@code gemm.txt} ({@code py/run_gemm.sh}),
 * {@code blas1.txt} ({@code py/run_blas1.sh}) and {@code train.txt} ({@code py/run_train.sh}). Missing files
 * are skipped; lines that are not results (headers, load averages) are ignored. Medians are taken.
 */
final class Peers {
    /**
     * One peer figure.
     *
     * @param kind   {@code fma}, {@code stream}, {@code gemm}, {@code blas1} or {@code train}
     * @param op     what ran: {@code fma512}, {@code triad}, {@code sgemm}, {@code saxpy}, {@code linreg}, ...
     * @param size   n, or threads for {@code fma}, or 0
     * @param label  who ran it and how, e.g. {@code numpy (OpenBLAS 2 threads)}
     * @param value  the median rate
     * @param unit   {@code GFLOP/s}, {@code GB/s} or {@code samples/s}
     */
    record Result(String kind, String op, long size, String label, double value, String unit) {
    }

    private static final Pattern FMA = Pattern.compile("^(fma\\d+)\\s+threads=(\\d+)\\s+GFLOP/s median=([\\d.]+)");
    private static final Pattern STREAM = Pattern.compile(
            "^(copy|triad|saxpy|dot)\\s+n=(\\d+)\\s+\\(.*\\)\\s+threads=(\\d+)\\s+GB/s median=\\s*([\\d.]+)");
    private static final Pattern GEMM = Pattern.compile("^sgemm (\\w+) n=(\\d+) GFLOP/s median=([\\d.]+)");
    private static final Pattern BLAS1 = Pattern.compile("^(saxpy|dot) (\\w+) n=(\\d+) GB/s median=([\\d.]+)");
    private static final Pattern TRAIN = Pattern.compile("^train (\\w+) (.*?) samples/s median=([\\d.]+)");
    private static final Pattern THREADS = Pattern.compile("(?:threads=|threads \\[?|intra_op_threads=)(\\d+)");
    private static final Pattern BLAS_THREADS = Pattern.compile("blas_threads=(\\w+)");

    private Peers() {
    }

    /** Every peer result found under {@code folder} (none if it is null or missing). */
    static List<Result> read(Path folder) throws IOException {
        List<Result> out = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        parseC(lines(folder.resolve("c.txt")), out);
        parseGemm(lines(folder.resolve("gemm.txt")), out);
        parseBlas1(lines(folder.resolve("blas1.txt")), out);
        parseTrain(lines(folder.resolve("train.txt")), out);
        return out;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    static void parseC(List<String> lines, List<Result> out) {
        for (String line : lines) {
            Matcher m = FMA.matcher(line.trim());
            if (m.find()) {
                out.add(new Result("fma", m.group(1), Long.parseLong(m.group(2)), "C (gcc -O3, OpenMP)",
                        Double.parseDouble(m.group(3)), "GFLOP/s"));
                continue;
            }
            m = STREAM.matcher(line.trim());
            if (m.find()) {
                out.add(new Result("stream", m.group(1), Long.parseLong(m.group(2)),
                        "C " + m.group(3) + (m.group(3).equals("1") ? " thread" : " threads"),
                        Double.parseDouble(m.group(4)), "GB/s"));
            }
        }
    }

    static void parseGemm(List<String> lines, List<Result> out) {
        String config = "";
        boolean haswell = false;
        for (String line : lines) {
            if (line.startsWith("## OPENBLAS_CORETYPE=Haswell")) {
                haswell = true;
            } else if (line.startsWith("# ")) {
                config = threadsOf(line);
            }
            Matcher m = GEMM.matcher(line.trim());
            if (m.find()) {
                String lib = m.group(1);
                String label = lib + " (" + config + (haswell ? ", OpenBLAS AVX2 kernel" : "") + ")";
                out.add(new Result("gemm", "sgemm", Long.parseLong(m.group(2)), label,
                        Double.parseDouble(m.group(3)), "GFLOP/s"));
            }
        }
    }

    static void parseBlas1(List<String> lines, List<Result> out) {
        String config = "";
        for (String line : lines) {
            if (line.startsWith("# ")) {
                config = threadsOf(line);
            }
            Matcher m = BLAS1.matcher(line.trim());
            if (m.find()) {
                out.add(new Result("blas1", m.group(1), Long.parseLong(m.group(3)), m.group(2) + " (" + config + ")",
                        Double.parseDouble(m.group(4)), "GB/s"));
            }
        }
    }

    static void parseTrain(List<String> lines, List<Result> out) {
        boolean passive = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                passive = line.contains("OMP_WAIT_POLICY=passive");
                continue;
            }
            Matcher m = TRAIN.matcher(line.trim());
            if (m.find()) {
                String words = m.group(2);
                String lib = words.split(" ")[0];
                String label = lib + " (" + words.substring(lib.length()).trim() + (passive ? ", OMP passive" : "")
                        + ")";
                out.add(new Result("train", m.group(1), 0, label, Double.parseDouble(m.group(3)), "samples/s"));
            }
        }
    }

    /** "2 threads" from a header line such as "# numpy 1.26 blas=openblas ... threads=2". */
    private static String threadsOf(String header) {
        Matcher blas = BLAS_THREADS.matcher(header);
        Matcher m = THREADS.matcher(header);
        String threads = m.find() ? m.group(1) : "default";
        if (blas.find() && !header.startsWith("# numpy")) {
            return threads + " intra-op, BLAS " + blas.group(1) + " threads";
        }
        return threads.equals("1") ? "1 thread" : threads + " threads";
    }
}
