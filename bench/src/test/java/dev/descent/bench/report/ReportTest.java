package dev.descent.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report generator on a small checked-in JMH JSON sample whose figures are chosen so that the derived rates
 * are round: GEMM 100 GFLOP/s on vector (10x scalar), axpy 10 and 20 GB/s, a 200 GFLOP/s and 50 GB/s probe.
 */
class ReportTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ReportTest.class.getResource(name).toURI());
    }

    private static List<Row> rows() throws Exception {
        List<JmhResult> results = JmhResult.read(resource("sample-results.json"));
        return Workloads.rows(results, Workloads.Limits.of(results));
    }

    private static Row find(List<Row> rows, String op, String backend) {
        return rows.stream().filter(r -> r.op().equals(op) && r.backend().equals(backend)).findFirst().orElseThrow();
    }

    @Test
    void readsJmhJson() throws Exception {
        List<JmhResult> results = JmhResult.read(resource("sample-results.json"));
        assertThat(results).hasSize(13);
        JmhResult gemm = results.get(3);
        assertThat(gemm.benchmarkClass()).isEqualTo("GemmBenchmark");
        assertThat(gemm.method()).isEqualTo("gemm");
        assertThat(gemm.params()).containsEntry("backend", "scalar").containsEntry("n", "512");
        assertThat(gemm.primary().unit()).isEqualTo("us/op");
        assertThat(results.get(4).primary().error()).isNaN();
        assertThat(results.get(0).threads()).isEqualTo(2);
        assertThat(results.get(10).secondary().get("samples").score()).isEqualTo(1e6);
    }

    @Test
    void convertsUnits() {
        assertThat(new JmhResult.Metric(2, 0, "us/op").secondsPerOp()).isCloseTo(2e-6, within(1e-15));
        assertThat(new JmhResult.Metric(5, 0, "ns/op").secondsPerOp()).isCloseTo(5e-9, within(1e-18));
        assertThat(new JmhResult.Metric(4, 0, "ops/s").secondsPerOp()).isEqualTo(0.25);
        assertThat(new JmhResult.Metric(4, 0, "ops/ms").opsPerSecond()).isCloseTo(4000, within(1e-9));
    }

    @Test
    void derivesRatesLimitsAndSpeedups() throws Exception {
        List<Row> rows = rows();
        Row vectorGemm = find(rows, "gemm NN", "vector");
        assertThat(vectorGemm.rate()).isCloseTo(100, within(1e-6));
        assertThat(vectorGemm.rateUnit()).isEqualTo("GFLOP/s");
        assertThat(vectorGemm.limit()).isCloseTo(0.5, within(1e-9));        // of the 200 GFLOP/s probe
        assertThat(vectorGemm.speedup()).isCloseTo(10, within(1e-9));
        assertThat(find(rows, "gemm NN", "scalar").speedup()).isNaN();

        Row axpy = find(rows, "axpy", "scalar");
        assertThat(axpy.rate()).isCloseTo(10, within(1e-6));
        assertThat(axpy.rateUnit()).isEqualTo("GB/s");
        assertThat(axpy.limit()).isCloseTo(0.2, within(1e-9));              // of the 50 GB/s probe
        assertThat(find(rows, "axpy", "vector").speedup()).isCloseTo(2, within(1e-9));

        Row adam = find(rows, "Adam step", "vector");
        assertThat(adam.rate()).isCloseTo(28.0 * 1048576 * 1000 / 1e9, within(1e-6));
        assertThat(adam.size()).isEqualTo("1M params");

        Row fma = find(rows, "FMA peak 512-bit", "java");
        assertThat(fma.size()).isEqualTo("2 threads");
        assertThat(fma.rate()).isCloseTo(200, within(1e-9));

        Row train = find(rows, "linear regression", "vector");
        assertThat(train.rate()).isEqualTo(1e6);
        assertThat(train.rateUnit()).isEqualTo("samples/s");
        assertThat(train.size()).isEqualTo("1M x 64, batch 256, 10 steps/op");
        assertThat(train.limit()).isCloseTo(1e6 * 260 / 50e9, within(1e-12));   // 260 B per sample at 50 GB/s
        Row mlp = find(rows, "MLP 784-256-10", "vector");
        assertThat(mlp.limit()).isCloseTo(128000 * 6.0 * (784 * 256 + 2560) / 200e9, within(1e-12));
    }

    @Test
    void parsesPeerOutputs() throws Exception {
        List<Peers.Result> peers = Peers.read(resource("peers"));
        assertThat(peers).extracting(Peers.Result::kind).containsExactly(
                "fma", "fma", "stream", "stream", "gemm", "gemm", "blas1", "train", "train");
        assertThat(peers.get(1)).isEqualTo(new Peers.Result("fma", "fma512", 2, "C (gcc -O3, OpenMP)", 232.5,
                "GFLOP/s"));
        assertThat(peers.get(2).op()).isEqualTo("triad");
        assertThat(peers.get(2).value()).isEqualTo(65.5);
        assertThat(peers.get(4).label()).isEqualTo("numpy (2 threads)");
        assertThat(peers.get(5).label()).isEqualTo("torch (1 intra-op, BLAS 1 threads)");
        assertThat(peers.get(6).size()).isEqualTo(1048576);
        assertThat(peers.get(7).label()).isEqualTo("numpy (blas_threads=default)");
        assertThat(peers.get(8).label()).isEqualTo("torch (intra_op_threads=2 blas_threads=2, OMP passive)");
        assertThat(peers.get(8).value()).isEqualTo(68000);
    }

    @Test
    void writesMarkdownAndCharts(@TempDir Path out) throws Exception {
        Path info = out.resolve("info.txt");
        Files.writeString(info, "profile: test\ncommand: `bench/run.sh quick`\n");
        Path report = Report.write(List.of(resource("sample-results.json")), resource("sample-backends.json"),
                resource("peers"), info, out.resolve("report"));
        String md = Files.readString(report);
        assertThat(md).contains("- profile: test", "- command: `bench/run.sh quick`");
        // the unavailable provider is listed with its reason, not dropped
        assertThat(md).contains("| gpu | **no** | gpu | no OpenCL device found |");
        assertThat(md).contains("| gemm NN | n=512 | vector | 2,684 us/op | — | 100 GFLOP/s | 50.0% | 10.00x |");
        assertThat(md).contains("| axpy | n=1M | scalar | 1,258 us/op | ± 10.0 | 10.0 GB/s | 20.0% | — |");
        // peers beside ours
        assertThat(md).contains("| gemm NN | n=512 | numpy (2 threads) | 150 GFLOP/s | — | 150 GFLOP/s | 75.0% | — |");
        // targets: vector linreg 1M samples/s against 60M, NumPy's figure beside it
        assertThat(md).contains("| linear regression | vector | 1,000,000 | >= 60,000,000 | **no** | 20,000,000 | — |");
        // per-step overhead: 256 us through the API, 64 us as bare kernels
        assertThat(md).contains("| linear regression | vector | 256 | 64.0 | 192 | 75.0% |");
        assertThat(md).contains("scalar 900 ns/op (bookkeeping 600 ns/op)");
        assertThat(md).contains("![SGEMM GFLOP/s against n, per backend and peer](gemm.svg)");
        List<String> svgs = new ArrayList<>();
        try (var files = Files.list(out.resolve("report"))) {
            files.filter(f -> f.toString().endsWith(".svg")).forEach(f -> svgs.add(f.getFileName().toString()));
        }
        assertThat(svgs).containsExactlyInAnyOrder("gemm.svg", "training.svg", "bandwidth.svg");
        assertThat(Files.readString(out.resolve("report/gemm.svg"))).startsWith("<?xml").contains("<svg");
    }

    @Test
    void missingInputsStillGiveAReport(@TempDir Path out) throws IOException, URISyntaxException {
        Path report = Report.write(List.of(resource("sample-results.json")), null, null, null, out);
        assertThat(Files.readString(report)).contains("(provider table not given)", "## GEMM");
    }
}
