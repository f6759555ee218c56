package dev.descent.bench.serve;

import dev.descent.Backends;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.Standardizer;
import dev.descent.io.ModelDescription;
import dev.descent.io.Predictor;
import dev.descent.io.TrainedModel;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.Task;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One prediction for one row of the README's house model ({@code descent train --data house.csv --target price
 * --standardize}: a linear model over {@code size, rooms, age} with feature standardization), and of an
 * {@code mlp:16,16} over the same features. {@code predictor} is {@link Predictor#predict(float[])};
 * {@code moduleForward} is what a service did before it existed, side by side in the same run: standardize the
 * row, upload it as a {@code [1, 3]} tensor to the backend, run the module's forward pass without gradients, read
 * the one output back. The weights' values do not change the cost, so they are drawn from a seed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PredictorBenchmark {
    /** The architecture: {@code linear} (the house model) or {@code mlp:16,16}. */
    @Param({"linear", "mlp:16,16"})
    public String model;

    /** The backend {@code moduleForward} runs on. */
    @Param({"vector"})
    public String backend;

    private Predictor predictor;
    private TrainedModel trained;
    private Standardizer standardizer;
    private Backend b;
    private final float[] row = {101.7f, 3f, 12.4f};

    @Setup
    public void setUp() {
        b = Backends.get(backend);
        List<String> features = List.of("size", "rooms", "age");
        standardizer = Standardizer.of(features, new double[] {100.2, 2.5, 20.1}, new double[] {40.3, 1.1, 11.7});
        ModelDescription d = ModelDescription.of(Task.REGRESSION, Architecture.parse(model, Activation.RELU, 8),
                features, "price", 1).withStandardizer(standardizer);
        trained = TrainedModel.of(d, d.build(b, new SeededRandom(5)));
        trained.module().eval();
        predictor = trained.predictor();
    }

    @Benchmark
    public double predictor() {
        return predictor.predict(row);
    }

    @Benchmark
    public float moduleForward() {
        try (NoGrad ignored = GradMode.noGrad()) {
            Tensor x = Tensor.of(b, standardizer.transform(row), 1, 3);
            return trained.module().forward(x).toArray()[0];
        }
    }
}
