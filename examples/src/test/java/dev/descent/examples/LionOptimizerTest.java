package dev.descent.examples;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.io.TensorData;
import dev.descent.nn.Linear;
import dev.descent.optim.Algorithms;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Optimizer;
import dev.descent.optim.StateDict;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objectives;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Lion}, an algorithm added outside core with public API only: it follows its published formula, trains,
 * checkpoints and resumes bit for bit, and its hyperparameters validate and round-trip through the shared form.
 */
class LionOptimizerTest {
    @TempDir
    Path dir;

    private final Device device = Device.named("scalar");

    @Test
    void followsThePublishedFormula() {
        int n = 257;
        SeededRandom random = new SeededRandom(4);
        float[] initial = new float[n];
        random.fillGaussian(initial);
        Tensor param = Tensor.of(device, initial, n).requiresGrad(true);
        Lion lion = new Lion(0.01, 0.9, 0.99, 0.1);
        Optimizer optimizer = Optimizer.of(lion, param);
        double[] p = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = initial[i];
        }
        float[] g = new float[n];
        for (int step = 1; step <= 30; step++) {
            random.fillGaussian(g);
            param.setGrad(Tensor.of(device, g, n));
            optimizer.step();
            for (int i = 0; i < n; i++) {
                double c = 0.9 * m[i] + 0.1 * g[i];
                p[i] = p[i] * (1 - 0.01 * 0.1) - 0.01 * Math.signum(c);
                m[i] = 0.99 * m[i] + 0.01 * g[i];
            }
            float[] actual = param.toArray();
            for (int i = 0; i < n; i++) {
                assertThat((double) actual[i]).as("step %d, element %d", step, i).isCloseTo(p[i], within(1e-5));
            }
        }
        assertThat(optimizer.stepCount(0)).isEqualTo(30);
        assertThat(optimizer.stateDict().buffers()).containsOnlyKeys("state.0.exp_avg");
    }

    @Test
    void trainsCheckpointsAndResumesBitForBit() {
        Path checkpoint = dir.resolve("lion.ckpt");
        Map<String, TensorData> uninterrupted = train(8, null);
        train(3, checkpoint);
        Map<String, TensorData> resumed = train(8, checkpoint);
        assertThat(resumed).isEqualTo(uninterrupted);
        TrainingResult result = fit(8, null, new Linear(3, 1, true, device, new SeededRandom(1)));
        assertThat(result.lossHistory().getLast()).isLessThan(result.lossHistory().getFirst() / 4);
    }

    @Test
    void hyperparametersValidateAndRoundTripThroughTheRegistry() {
        assertThatThrownBy(() -> new Lion(1e-4, 1.0, 0.99, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Lion: betas[0] must be in [0, 1), got 1.0");
        Algorithms.register(Lion.ALGORITHM);
        Lion lion = new Lion(3e-4, 0.95, 0.98, 0.01);
        Hyperparameters back = Hyperparameters.fromMap("Lion", lion.toMap());
        assertThat(back).isEqualTo(lion);
        assertThat(lion.toMap()).containsOnlyKeys("lr", "beta1", "beta2", "weight_decay");
    }

    private Map<String, TensorData> train(int epochs, Path checkpoint) {
        Linear model = new Linear(3, 1, true, device, new SeededRandom(1));
        fit(epochs, checkpoint, model);
        Map<String, TensorData> weights = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> weights.put(name, TensorData.of(p)));
        return weights;
    }

    private TrainingResult fit(int epochs, Path checkpoint, Linear model) {
        SeededRandom random = new SeededRandom(9);
        int rows = 128;
        float[] x = new float[rows * 3];
        random.fillGaussian(x);
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = 2 * x[3 * i] - x[3 * i + 1] + 0.5f * x[3 * i + 2] + 1;
        }
        Dataset data = Dataset.of(x, List.of("a", "b", "c"), y, "y");
        Optimizer optimizer = Optimizer.of(new Lion(0.02, 0.9, 0.99, 0), model.parameters());
        Trainer.Builder trainer = Trainer.builder().model(model).objective(Objectives.regression())
                .optimizer(optimizer).data(DataLoader.shuffled(data, device, 16, 5), data).epochs(epochs);
        if (checkpoint != null) {
            trainer.checkpoint(checkpoint).resumeFrom(checkpoint);
        }
        TrainingResult result = trainer.build().fit();
        StateDict state = optimizer.stateDict();
        assertThat(state.algorithm()).isEqualTo("Lion");
        return result;
    }
}
