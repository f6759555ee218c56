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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Peak FP32 FMA throughput: twelve independent FMA chains (enough to cover FMA latency times the number of FMA
 * pipes) on 256- and 512-bit vectors, on one thread and on two (this machine's core count; JMH sums the
 * threads' rates). The score is FLOP/s (an FMA counts two); the report takes the best as the compute limit.
 * Same structure as {@code shared/peers/c/peak_flops.c}, so the two can be compared.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FmaPeakBenchmark {
    private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;
    private static final int ITERATIONS = 1 << 20;
    private static final int CHAINS = 12;
    private static final int FLOPS_256 = 2 * CHAINS * 8 * ITERATIONS;
    private static final int FLOPS_512 = 2 * CHAINS * 16 * ITERATIONS;

    /** Seed read from a field so that the chains are not constant-folded. */
    public float seed = 1.0f;

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(FLOPS_256)
    public float fma256OneThread() {
        return chains256(seed);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(FLOPS_256)
    public float fma256TwoThreads() {
        return chains256(seed);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(FLOPS_512)
    public float fma512OneThread() {
        return chains512(seed);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(FLOPS_512)
    public float fma512TwoThreads() {
        return chains512(seed);
    }

    // One method per width with the species read from a static final field inside it: a species passed as an
    // argument is not a JIT constant once the loop is compiled on its own, and the Vector API then boxes
    // (measured: 0.4 GFLOP/s instead of ~100).
    private static float chains256(float seed) {
        VectorSpecies<Float> s = S256;
        FloatVector a = FloatVector.broadcast(s, 0.999999f);
        FloatVector b = FloatVector.broadcast(s, seed * 1e-7f);
        FloatVector c0 = FloatVector.broadcast(s, seed);
        FloatVector c1 = FloatVector.broadcast(s, seed + 1);
        FloatVector c2 = FloatVector.broadcast(s, seed + 2);
        FloatVector c3 = FloatVector.broadcast(s, seed + 3);
        FloatVector c4 = FloatVector.broadcast(s, seed + 4);
        FloatVector c5 = FloatVector.broadcast(s, seed + 5);
        FloatVector c6 = FloatVector.broadcast(s, seed + 6);
        FloatVector c7 = FloatVector.broadcast(s, seed + 7);
        FloatVector c8 = FloatVector.broadcast(s, seed + 8);
        FloatVector c9 = FloatVector.broadcast(s, seed + 9);
        FloatVector c10 = FloatVector.broadcast(s, seed + 10);
        FloatVector c11 = FloatVector.broadcast(s, seed + 11);
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        FloatVector sum = c0.add(c1).add(c2.add(c3)).add(c4.add(c5).add(c6.add(c7))).add(c8.add(c9).add(c10.add(c11)));
        return sum.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    private static float chains512(float seed) {
        VectorSpecies<Float> s = S512;
        FloatVector a = FloatVector.broadcast(s, 0.999999f);
        FloatVector b = FloatVector.broadcast(s, seed * 1e-7f);
        FloatVector c0 = FloatVector.broadcast(s, seed);
        FloatVector c1 = FloatVector.broadcast(s, seed + 1);
        FloatVector c2 = FloatVector.broadcast(s, seed + 2);
        FloatVector c3 = FloatVector.broadcast(s, seed + 3);
        FloatVector c4 = FloatVector.broadcast(s, seed + 4);
        FloatVector c5 = FloatVector.broadcast(s, seed + 5);
        FloatVector c6 = FloatVector.broadcast(s, seed + 6);
        FloatVector c7 = FloatVector.broadcast(s, seed + 7);
        FloatVector c8 = FloatVector.broadcast(s, seed + 8);
        FloatVector c9 = FloatVector.broadcast(s, seed + 9);
        FloatVector c10 = FloatVector.broadcast(s, seed + 10);
        FloatVector c11 = FloatVector.broadcast(s, seed + 11);
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        FloatVector sum = c0.add(c1).add(c2.add(c3)).add(c4.add(c5).add(c6.add(c7))).add(c8.add(c9).add(c10.add(c11)));
        return sum.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
