package dev.descent.bench.autograd;

import dev.descent.Backends;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The per-operation cost of autograd on tiny tensors, where bookkeeping rather than arithmetic dominates:
 * a chain of 7 recorded ops on 4-element tensors, forward and backward ({@code autograd}), against the same
 * kernel calls written by hand ({@code handWritten}) and the forward alone ({@code forwardOnly},
 * {@code forwardUnderNoGrad}). Scores are per recorded op; {@code autograd - handWritten} is the bookkeeping.
 * Budget: autograd at or below ~1 us per op on the CPU backends.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AutogradOverheadBenchmark {
    private static final int OPS = 7;

    @Param({"scalar", "vector"})
    public String backend;

    private Tensor x;
    private Tensor w;
    private Tensor b;
    private Tensor xPlain;
    private Tensor wPlain;
    private Tensor bPlain;

    @Setup
    public void setUp() {
        Backend be = Backends.get(backend);
        SeededRandom random = new SeededRandom(1);
        x = Tensor.rand(be, random, 4).requiresGrad(true);
        w = Tensor.rand(be, random, 4).requiresGrad(true);
        b = Tensor.rand(be, random, 4).requiresGrad(true);
        xPlain = x.detach();
        wPlain = w.detach();
        bPlain = b.detach();
    }

    private static Tensor chain(Tensor x, Tensor w, Tensor b) {
        return x.mul(w).add(b).tanh().mul(0.5f).sub(x).square().sum();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor autograd() {
        chain(x, w, b).backward();
        Tensor g = x.grad();
        x.setGrad(null);
        w.setGrad(null);
        b.setGrad(null);
        return g;
    }

    /** The kernels autograd's backward runs for {@link #chain}, called directly, nothing recorded. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor handWritten() {
        Tensor h1 = xPlain.mul(wPlain);
        Tensor h3 = h1.add(bPlain).tanh();
        Tensor h5 = h3.mul(0.5f).sub(xPlain);
        Tensor loss = h5.square().sum();
        Tensor g5 = loss.onesLike().broadcastTo(4).mul(h5).mul(2f);
        Tensor g2 = g5.mul(0.5f).mul(h3.square().rsub(1f));
        Tensor gx = g2.mul(wPlain).copy().addInPlace(g5.neg(), 1f);
        g2.mul(xPlain).copy();
        g2.copy();
        return gx;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor forwardOnly() {
        return chain(xPlain, wPlain, bPlain);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor forwardUnderNoGrad() {
        try (NoGrad ignored = GradMode.noGrad()) {
            return chain(x, w, b);
        }
    }
}
