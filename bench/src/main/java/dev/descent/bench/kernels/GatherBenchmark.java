package dev.descent.bench.kernels;

import dev.descent.spi.Backend;
import dev.descent.spi.Storage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Row gather, the kernel a shuffled {@code DataLoader} runs per batch: {@code rows} random rows of 64 floats
 * out of a 1M x 64 table (256 MB, so most rows come from DRAM). Moves 2 x 4 x 64 bytes per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GatherBenchmark {
    private static final int TABLE_ROWS = 1 << 20;
    private static final int ROW = 64;

    @Param({"scalar", "vector"})
    public String backend;

    @Param({"256", "65536"})
    public int rows;

    private Backend b;
    private Storage table;
    private Storage out;
    private int[] indices;

    @Setup
    public void setUp() {
        b = BackendState.backend(backend);
        table = BackendState.random(b, TABLE_ROWS * ROW, 1, 1f);
        out = b.allocate(rows * ROW);
        SplittableRandom r = new SplittableRandom(7);
        indices = new int[rows];
        for (int i = 0; i < rows; i++) {
            indices[i] = r.nextInt(TABLE_ROWS);
        }
    }

    @Benchmark
    public Storage gatherRows() {
        b.gatherRows(table, ROW, indices, out);
        return out;
    }
}
