package dev.descent.bench.probe;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * STREAM-like memory bandwidth: copy ({@code c = a}, 8 bytes per element) and triad ({@code a = b + s·c},
 * 12 bytes per element) with the Vector API over arrays of 64M floats (256 MB each, so 512 and 768 MB per pass:
 * larger than the 300 MiB L3 this VM reports), on one thread and on two (each thread streams its own half).
 * The score is bytes per second, counted as STREAM does (no write-allocate traffic); the report takes the
 * best triad as the bandwidth limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class BandwidthBenchmark {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int N = 64 << 20;
    private static final int COPY_BYTES = 8 * N;
    private static final int TRIAD_BYTES = 12 * N;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        a = new float[N];
        b = new float[N];
        c = new float[N];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 2f);
        Arrays.fill(c, 0.5f);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(COPY_BYTES)
    public float[] copyOneThread() {
        copy(0, N);
        return c;
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(COPY_BYTES / 2)
    public float[] copyTwoThreads(ThreadParams threads) {
        int half = N / 2;
        int lo = threads.getThreadIndex() * half;
        copy(lo, lo + half);
        return c;
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(TRIAD_BYTES)
    public float[] triadOneThread() {
        triad(0, N);
        return a;
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(TRIAD_BYTES / 2)
    public float[] triadTwoThreads(ThreadParams threads) {
        int half = N / 2;
        int lo = threads.getThreadIndex() * half;
        triad(lo, lo + half);
        return a;
    }

    private void copy(int lo, int hi) {
        float[] src = a;
        float[] dst = c;
        for (int i = lo; i < hi; i += S.length()) {
            FloatVector.fromArray(S, src, i).intoArray(dst, i);
        }
    }

    private void triad(int lo, int hi) {
        float[] out = a;
        float[] x = b;
        float[] y = c;
        FloatVector s = FloatVector.broadcast(S, 1e-9f);
        for (int i = lo; i < hi; i += S.length()) {
            FloatVector.fromArray(S, y, i).fma(s, FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
    }
}
