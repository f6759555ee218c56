package dev.descent.nn.checks;

import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.autograd.checks.GradCheck;
import dev.descent.autograd.checks.TestInputs;
import dev.descent.nn.Dropout;
import dev.descent.nn.GELU;
import dev.descent.nn.LeakyReLU;
import dev.descent.nn.Linear;
import dev.descent.nn.Losses;
import dev.descent.nn.Module;
import dev.descent.nn.ReLU;
import dev.descent.nn.Reduction;
import dev.descent.nn.Sequential;
import dev.descent.nn.Sigmoid;
import dev.descent.nn.Tanh;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Layers and losses for one backend: gradient checks of each layer (with respect to input and parameters) and
 * each loss (both reductions), values against float64 evaluations of PyTorch's definitions, numerical
 * stability at large logits, parameter naming, modes and initialisation. A backend module runs it with a
 * one-line subclass.
 */
public abstract class LayerAndLossChecks {
    /** The backend under test. */
    protected abstract Backend backend();

    private TestInputs inputs(long seed) {
        return new TestInputs(backend(), seed);
    }

    // ---- layers: gradients --------------------------------------------------------------------------------

    @Test
    void linearGradientsWithRespectToInputWeightAndBias() {
        Linear layer = new Linear(3, 2, true, backend(), new SeededRandom(1));
        Tensor x = inputs(1).signed(0.1f, 1f, 4, 3);
        GradCheck.check("Linear input", t -> layer.forward(t[0]), x);
        GradCheck.check("Linear parameters", t -> layer.forward(x), layer.weight(), layer.bias());
        GradCheck.check("Linear on a vector", t -> layer.forward(t[0]), inputs(2).signed(0.1f, 1f, 3));
        GradCheck.check("Linear on a 3-D batch", t -> layer.forward(t[0]), inputs(3).signed(0.1f, 1f, 2, 2, 3));
        Linear noBias = new Linear(3, 2, false, backend(), new SeededRandom(2));
        GradCheck.check("Linear without bias", t -> noBias.forward(t[0]), inputs(4).signed(0.1f, 1f, 2, 3));
    }

    @Test
    void activationGradients() {
        TestInputs in = inputs(5);
        List<Module> activations = List.of(new ReLU(), new Tanh(), new Sigmoid(), new LeakyReLU(0.2f), new GELU());
        for (Module activation : activations) {
            GradCheck.check(activation.toString(), t -> activation.forward(t[0]), in.signed(0.1f, 2f, 2, 3));
        }
    }

    @Test
    void dropoutGradientUsesTheSameMask() {
        // A fresh generator with the same seed per call gives the same mask for every finite difference.
        GradCheck.check("Dropout(0.4)", t -> new Dropout(0.4f, new SeededRandom(9)).forward(t[0]),
                inputs(6).signed(0.1f, 1f, 4, 5));
    }

    @Test
    void mlpGradientsThroughSequential() {
        SeededRandom random = new SeededRandom(3);
        Sequential mlp = new Sequential(new Linear(2, 4, true, backend(), random), new Tanh(),
                new Linear(4, 3, true, backend(), random));
        Tensor x = inputs(7).signed(0.1f, 1f, 5, 2);
        int[] labels = {0, 2, 1, 1, 0};
        GradCheck.check("MLP + cross-entropy", t -> Losses.crossEntropy(mlp.forward(x), labels),
                mlp.parameters().toArray(new Tensor[0]));
    }

    // ---- losses: gradients --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void regressionLossGradients(Reduction reduction) {
        TestInputs in = inputs(8);
        Tensor target = in.signed(0.1f, 1f, 3, 2);
        // Differences at least 0.1 from 0 (the kink of L1) and from +-1 (Huber's switch point).
        Tensor input = target.add(Tensor.of(backend(), new float[] {0.3f, -0.5f, 1.6f, -2f, 0.8f, -1.3f}, 3, 2));
        GradCheck.check("mse " + reduction, t -> Losses.mse(t[0], t[1], reduction), input, target.copy());
        GradCheck.check("l1 " + reduction, t -> Losses.l1(t[0], t[1], reduction), input, target.copy());
        GradCheck.check("huber " + reduction, t -> Losses.huber(t[0], t[1], 1f, reduction), input, target.copy());
        GradCheck.check("huber delta 0.5 " + reduction, t -> Losses.huber(t[0], t[1], 0.5f, reduction), input,
                target.copy());
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void classificationLossGradients(Reduction reduction) {
        TestInputs in = inputs(9);
        Tensor logits = in.signed(0.1f, 3f, 4, 3);
        Tensor probabilities = in.uniform(0f, 1f, 4, 3);
        GradCheck.check("bceWithLogits " + reduction, t -> Losses.bceWithLogits(t[0], t[1], reduction), logits,
                probabilities);
        int[] labels = {2, 0, 1, 2};
        GradCheck.check("crossEntropy " + reduction, t -> Losses.crossEntropy(t[0], labels, reduction),
                logits.detach().copy());
    }

    @Test
    void bceWithLogitsGradientIsExactAtZero() {
        Tensor logits = Tensor.zeros(backend(), 2).requiresGrad(true);
        Losses.bceWithLogits(logits, Tensor.of(backend(), new float[] {1f, 0f})).backward();
        assertThat(logits.grad().toArray()).containsExactly(-0.25f, 0.25f);
    }

    // ---- losses: values and stability ---------------------------------------------------------------------

    @Test
    void regressionLossValuesMatchTheDefinitions() {
        float[] x = {0.5f, -1f, 3f, 0.2f};
        float[] y = {0f, 1f, 0.5f, 0.3f};
        double mse = 0;
        double l1 = 0;
        double huber = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            mse += d * d;
            l1 += Math.abs(d);
            huber += Math.abs(d) < 1 ? 0.5 * d * d : Math.abs(d) - 0.5;
        }
        Tensor input = Tensor.of(backend(), x);
        Tensor target = Tensor.of(backend(), y);
        assertThat(Losses.mse(input, target).item()).isCloseTo((float) (mse / 4), within(1e-6f));
        assertThat(Losses.mse(input, target, Reduction.SUM).item()).isCloseTo((float) mse, within(1e-5f));
        assertThat(Losses.l1(input, target).item()).isCloseTo((float) (l1 / 4), within(1e-6f));
        assertThat(Losses.huber(input, target).item()).isCloseTo((float) (huber / 4), within(1e-6f));
    }

    @Test
    void bceWithLogitsIsFiniteAndExactForLargeLogits() {
        float[] logits = {-1000f, -100f, -20f, -1f, 0f, 2f, 30f, 100f, 1000f};
        float[] targets = {0f, 1f, 0.25f, 1f, 0.5f, 0f, 1f, 0f, 1f};
        Tensor loss = Losses.bceWithLogits(Tensor.of(backend(), logits), Tensor.of(backend(), targets),
                Reduction.SUM);
        double expected = 0;
        for (int i = 0; i < logits.length; i++) {
            double x = logits[i];
            expected += Math.max(x, 0) - x * targets[i] + Math.log1p(Math.exp(-Math.abs(x)));
        }
        assertThat((double) loss.item()).isCloseTo(expected, within(1e-3 + 1e-6 * expected));
    }

    @Test
    void crossEntropyIsStableForLargeLogitsAndMatchesLogSumExp() {
        float[] logits = {1000f, 0f, -1000f, 50f, 51f, 52f};
        int[] labels = {0, 1};
        Tensor x = Tensor.of(backend(), logits, 2, 3).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(x, labels);
        double row1 = 0.0;  // log-sum-exp(1000, 0, -1000) - 1000 = 0 to double precision
        double row2 = 52 + Math.log(Math.exp(-2) + Math.exp(-1) + 1) - 51;
        assertThat((double) loss.item()).isCloseTo((row1 + row2) / 2, within(1e-5));
        loss.backward();
        float[] g = x.grad().toArray();
        for (float v : g) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        assertThat(g[0]).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void crossEntropyNamesABadLabelAndItsPosition() {
        Tensor logits = Tensor.zeros(backend(), 3, 4);
        assertThatThrownBy(() -> Losses.crossEntropy(logits, new int[] {0, 4, 1}))
                .isInstanceOf(IndexOutOfRangeException.class)
                .hasMessageContaining("label 4 at position 1").hasMessageContaining("4 classes")
                .hasMessageContaining("0..3");
        assertThatThrownBy(() -> Losses.crossEntropy(logits, new int[] {0, -1, 1}))
                .isInstanceOf(IndexOutOfRangeException.class).hasMessageContaining("label -1 at position 1");
        assertThatThrownBy(() -> Losses.crossEntropy(logits, new int[] {0, 1}))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("2 labels")
                .hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> Losses.crossEntropy(Tensor.zeros(backend(), 4), new int[] {0}))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[samples, classes]");
    }

    @Test
    void lossesRequireEqualShapes() {
        Tensor a = Tensor.zeros(backend(), 4, 1);
        Tensor b = Tensor.zeros(backend(), 4);
        assertThatThrownBy(() -> Losses.mse(a, b)).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("mse").hasMessageContaining("[4, 1]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> Losses.bceWithLogits(a, b)).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Losses.huber(a, a, 0f, Reduction.MEAN)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void geluMatchesTheTanhApproximation() {
        float[] x = {-3f, -1f, -0.1f, 0f, 0.5f, 2f};
        float[] y = GELU.apply(Tensor.of(backend(), x)).toArray();
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double expected = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertThat((double) y[i]).isCloseTo(expected, within(1e-6));
        }
    }

    // ---- modules ------------------------------------------------------------------------------------------

    @Test
    void parametersHaveStableHierarchicalNames() {
        SeededRandom random = new SeededRandom(1);
        Sequential mlp = new Sequential(new Linear(2, 3, true, backend(), random), new ReLU(),
                new Linear(3, 1, false, backend(), random));
        assertThat(mlp.namedParameters().keySet()).containsExactly("layer0.weight", "layer0.bias", "layer2.weight");
        assertThat(mlp.parameters()).hasSize(3).allMatch(Tensor::requiresGrad);
        assertThat(mlp.parameterCount()).isEqualTo(2 * 3 + 3 + 3);
        Sequential outer = new Sequential().add("encoder", mlp).add("head", new Linear(1, 1, true, backend(), random));
        assertThat(outer.namedParameters().keySet()).containsExactly("encoder.layer0.weight", "encoder.layer0.bias",
                "encoder.layer2.weight", "head.weight", "head.bias");
        assertThat(outer.toString()).contains("(encoder): Sequential").contains("Linear(in=2, out=3, bias=true)");
        assertThatThrownBy(() -> outer.add("head", new ReLU())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'head' is already registered");
    }

    @Test
    void zeroGradClearsEveryParameterGradient() {
        Linear layer = new Linear(2, 2, true, backend(), new SeededRandom(1));
        Losses.mse(layer.forward(Tensor.ones(backend(), 3, 2)), Tensor.zeros(backend(), 3, 2)).backward();
        assertThat(layer.weight().grad()).isNotNull();
        layer.zeroGrad();
        assertThat(layer.parameters()).allMatch(p -> p.grad() == null);
    }

    @Test
    void trainAndEvalModesReachEveryDescendantAndControlDropout() {
        Dropout dropout = new Dropout(0.5f, new SeededRandom(4));
        Sequential model = new Sequential(new Sequential(dropout));
        Tensor x = Tensor.ones(backend(), 1000);
        assertThat(dropout.isTraining()).isTrue();
        float[] trained = model.forward(x).toArray();
        int zeros = 0;
        for (float v : trained) {
            assertThat(v).isIn(0f, 2f);
            zeros += v == 0f ? 1 : 0;
        }
        assertThat(zeros).isBetween(400, 600);
        model.eval();
        assertThat(dropout.isTraining()).isFalse();
        assertThat(model.forward(x).toArray()).containsOnly(1f);
        assertThatThrownBy(() -> new Dropout(1.5f, new SeededRandom(1))).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void linearUsesPyTorchsDefaultInitialisationFromTheSeed() {
        Linear a = new Linear(16, 8, true, backend(), new SeededRandom(42));
        Linear b = new Linear(16, 8, true, backend(), new SeededRandom(42));
        assertThat(a.weight().toArray()).containsExactly(b.weight().toArray());
        assertThat(a.bias().toArray()).containsExactly(b.bias().toArray());
        float bound = 0.25f;   // 1/sqrt(16)
        float max = 0f;
        for (float v : a.weight().toArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isGreaterThan(0.8f * bound);
        for (float v : a.bias().toArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        }
        assertThatThrownBy(() -> a.forward(Tensor.zeros(backend(), 2, 15))).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("Linear(in=16, out=8").hasMessageContaining("[2, 15]");
    }
}
