package dev.descent.io.checks;

import dev.descent.InvalidArgumentException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.Dataset;
import dev.descent.data.Standardizer;
import dev.descent.data.TargetStandardizer;
import dev.descent.io.ModelDescription;
import dev.descent.io.Predictor;
import dev.descent.io.TrainedModel;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Predictor} on one backend: it gives the network's outputs (bit for bit on the scalar backend, whose
 * matrix product it follows; within float rounding elsewhere), applies the feature standardization and undoes the
 * target's, gives probabilities for classifiers, matches features by name, refuses bad rows in one line, and is
 * safe to share between threads. Every backend module runs these with a one-line subclass.
 */
public abstract class PredictorChecks {
    /** The backend under test. */
    protected abstract Backend backend();

    private static final List<String> FEATURES = List.of("a", "b", "c");
    private static final int ROWS = 64;

    private static float[][] rows(long seed) {
        SeededRandom r = new SeededRandom(seed);
        float[][] x = new float[ROWS][3];
        for (float[] row : x) {
            row[0] = r.nextFloat() * 100;
            row[1] = r.nextFloat() * 4 - 2;
            row[2] = r.nextFloat() * 10 + 5;
        }
        return x;
    }

    private static Dataset dataset(float[][] x) {
        float[] flat = new float[x.length * 3];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * 3, 3);
            y[i] = x[i][0] * 3 + 1000;
        }
        return Dataset.of(flat, FEATURES, y, "y");
    }

    private TrainedModel model(Task task, Architecture architecture, boolean standardize) {
        Dataset data = dataset(rows(1));
        ModelDescription d = ModelDescription.of(task, architecture, FEATURES, "y", 4);
        if (standardize) {
            d = d.withStandardizer(Standardizer.fit(data));
            if (task == Task.REGRESSION) {
                d = d.withTargetStandardizer(TargetStandardizer.fit(data));
            }
        }
        return TrainedModel.of(d, d.build(backend(), new SeededRandom(11)));
    }

    /** The network's outputs for raw rows, standardized as the model says, through the backend. */
    private float[] backendOutputs(TrainedModel model, float[][] x) {
        Dataset data = dataset(x);
        Standardizer s = model.description().standardizer();
        Dataset input = s == null ? data : s.transform(data);
        model.module().eval();
        try (NoGrad ignored = GradMode.noGrad()) {
            return model.module().forward(input.featureTensor(backend())).toArray();
        }
    }

    @Test
    void predictionsAreTheNetworksOutputsInTheTargetsUnits() {
        for (Architecture a : List.of(Architecture.linear(), Architecture.mlp(Activation.RELU, 16, 16),
                Architecture.mlp(Activation.TANH, 5), Architecture.mlp(Activation.SIGMOID, 3, 2))) {
            TrainedModel model = model(Task.REGRESSION, a, true);
            float[][] x = rows(2);
            float[] raw = backendOutputs(model, x);
            double[] predicted = model.predictor().predict(x);
            TargetStandardizer t = model.description().targetStandardizer();
            for (int i = 0; i < ROWS; i++) {
                double expected = t.inverse(raw[i]);
                if (backend().name().equals("scalar")) {
                    assertThat(predicted[i]).as(a + " row " + i).isEqualTo(expected);
                } else {
                    assertThat(predicted[i]).as(a + " row " + i).isCloseTo(expected,
                            within(1e-4 * t.scale() * Math.max(1, Math.abs(raw[i]))));
                }
                assertThat(model.predictor().predict(x[i])).isEqualTo(predicted[i]);
            }
        }
    }

    @Test
    void classifiersGiveClassIndicesAndProbabilities() {
        float[][] x = rows(3);
        TrainedModel binary = model(Task.BINARY, Architecture.mlp(Activation.TANH, 8), true);
        float[] logits = backendOutputs(binary, x);
        Predictor p = binary.predictor();
        for (int i = 0; i < ROWS; i++) {
            double[] proba = p.predictProba(x[i]);
            double sigmoid = 1 / (1 + Math.exp(-logits[i]));
            assertThat(proba[1]).isCloseTo(sigmoid, within(1e-5));
            assertThat(proba[0] + proba[1]).isCloseTo(1, within(1e-12));
            assertThat(p.predict(x[i])).isEqualTo(logits[i] > 0 ? 1 : 0);
            assertThat(p.logits(x[i])).hasSize(1);
            assertThat(p.logits(x[i])[0]).isCloseTo(logits[i], within(1e-5));
        }
        TrainedModel multi = model(Task.MULTICLASS, Architecture.mlp(Activation.RELU, 8), false);
        float[] out = backendOutputs(multi, x);
        Predictor q = multi.predictor();
        double[][] probabilities = q.predictProba(x);
        for (int i = 0; i < ROWS; i++) {
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int k = 0; k < 4; k++) {
                if (out[i * 4 + k] > max) {
                    max = out[i * 4 + k];
                    best = k;
                }
            }
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += Math.exp(out[i * 4 + k] - max);
            }
            for (int k = 0; k < 4; k++) {
                assertThat(probabilities[i][k]).isCloseTo(Math.exp(out[i * 4 + k] - max) / sum, within(1e-5));
            }
            assertThat(q.predict(x[i])).isEqualTo(best);
            double[] scores = q.logits(x[i]);
            assertThat(scores).hasSize(4);
            for (int k = 0; k < 4; k++) {
                assertThat(scores[k]).isCloseTo(out[i * 4 + k], within(1e-5));
            }
        }
        assertThatThrownBy(() -> model(Task.REGRESSION, Architecture.linear(), false).predictor()
                .predictProba(x[0])).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("regression model has no class probabilities");
        assertThatThrownBy(() -> model(Task.REGRESSION, Architecture.linear(), false).predictor()
                .logits(x[0])).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("regression model has no class scores");
    }

    @Test
    void featuresAreMatchedByNameWhenGivenAHeader() {
        TrainedModel model = model(Task.REGRESSION, Architecture.mlp(Activation.TANH, 4), true);
        Predictor byName = model.predictor().forHeader(List.of("c", "ignored", "a", "b"));
        float[] row = {7.5f, 99f, 42f, -1.25f};
        assertThat(byName.predict(row)).isEqualTo(model.predictor().predict(new float[] {42f, -1.25f, 7.5f}));
        assertThatThrownBy(() -> model.predictor().forHeader(List.of("a", "x")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Predictor: the header [a, x] lacks the model's features [b, c]");
        assertThatThrownBy(() -> byName.predict(new float[] {1, 2, 3}))
                .hasMessage("Predictor: a row has 3 values, expected 4 (the header's columns)");
        assertThatThrownBy(() -> model.predictor().predict(new float[] {1, Float.NaN, 3}))
                .hasMessage("Predictor: feature \"b\" is NaN; features must be finite");
    }

    @Test
    void threadsSharingOnePredictorGetTheSerialResults() throws Exception {
        TrainedModel model = model(Task.MULTICLASS, Architecture.mlp(Activation.RELU, 32, 16), true);
        Predictor p = model.predictor();
        List<float[][]> inputs = new ArrayList<>();
        List<double[]> serial = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            inputs.add(rows(100 + t));
            serial.add(p.predict(inputs.get(t)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int k = t;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < ROWS; i++) {
                            if (p.predict(inputs.get(k)[i]) != serial.get(k)[i]) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void laterChangesToTheModuleDoNotReachAPredictor() {
        TrainedModel model = model(Task.REGRESSION, Architecture.linear(), false);
        Predictor p = model.predictor();
        double before = p.predict(new float[] {1, 2, 3});
        try (NoGrad ignored = GradMode.noGrad()) {
            for (Tensor t : model.module().parameters()) {
                t.fill(0f);
            }
        }
        assertThat(p.predict(new float[] {1, 2, 3})).isEqualTo(before);
        assertThat(model.predictor().predict(new float[] {1, 2, 3})).isZero();
    }
}
