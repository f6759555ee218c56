package dev.descent.bench.optim;

import dev.descent.Backends;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * One optimizer step (the fused backend kernel plus the optimizer's host bookkeeping) over one parameter of
 * {@code size} floats. Bytes moved per step, counted once per array: Adam reads p, g, m, v and writes p, m, v
 * (7 x 4 bytes per parameter); SGD with momentum reads p, g, b and writes p, b (5 x 4). The {@code bytes}
 * secondary result is therefore bytes moved per second; compare it with the machine's stream bandwidth (about
 * 35 GB/s for one core, 70 for two, on the team's Zen 4 VMs; see shared/GUIDE.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class OptimizerStepBenchmark {
    @Param({"scalar", "vector"})
    public String backend;

    @Param({"1048576", "16777216"})
    public int size;

    private Optimizer adam;
    private Optimizer sgdMomentum;

    /** Bytes moved, reported by JMH as a rate next to the step rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Traffic {
        public long bytes;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Backend b = Backends.get(backend);
        SeededRandom random = new SeededRandom(42);
        Tensor p1 = Tensor.randn(b, random, size).requiresGrad(true);
        p1.setGrad(Tensor.randn(b, random, size).mul(1e-3f));
        Tensor p2 = Tensor.randn(b, random, size).requiresGrad(true);
        p2.setGrad(Tensor.randn(b, random, size).mul(1e-3f));
        adam = Optimizer.of(Adam.of(1e-3), p1);
        sgdMomentum = Optimizer.of(Sgd.builder().lr(1e-3).momentum(0.9).build(), p2);
        adam.step();          // create the state buffers outside the measurement
        sgdMomentum.step();
    }

    @Benchmark
    public void adamStep(Traffic traffic) {
        adam.step();
        traffic.bytes += 7L * Float.BYTES * size;
    }

    @Benchmark
    public void sgdMomentumStep(Traffic traffic) {
        sgdMomentum.step();
        traffic.bytes += 5L * Float.BYTES * size;
    }
}
