package dev.descent.conformance;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.io.Checkpoint;
import dev.descent.io.TensorData;
import dev.descent.optim.Adagrad;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.GradientClipping;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Optimizer;
import dev.descent.optim.ParameterGroup;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgd;
import dev.descent.optim.StateDict;
import dev.descent.optim.schedule.CosineAnnealingLr;
import dev.descent.optim.schedule.LinearWarmup;
import dev.descent.optim.schedule.LrSchedule;
import dev.descent.optim.schedule.LrScheduler;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The optimizer API on a backend: exact resumption through {@link Optimizer#stateDict()}, validation of loaded
 * state, skipped parameters, {@code zeroGrad}, parameter groups, gradient clipping and learning-rate schedulers.
 * The update formulas themselves are {@link OptimizerConformanceTest}'s job.
 */
public abstract class OptimizerApiConformanceTest {
    private Backend backend;

    /** The backend under test; called once per test. */
    protected abstract Backend backend();

    @BeforeEach
    void createBackend() {
        backend = backend();
    }

    static Stream<Hyperparameters> algorithms() {
        return Stream.of(Sgd.builder().lr(0.05).momentum(0.9).nesterov(true).weightDecay(0.01).build(),
                Sgd.of(0.1), Adam.builder().lr(0.01).weightDecay(0.01).build(), AdamW.of(0.01),
                RmsProp.builder().momentum(0.9).centered(true).build(),
                Adagrad.builder().lrDecay(0.01).initialAccumulatorValue(0.1).build());
    }

    private List<Tensor> parameters(SeededRandom random) {
        List<Tensor> params = new ArrayList<>();
        params.add(Tensor.randn(backend, random, 3, 5).requiresGrad(true));
        params.add(Tensor.randn(backend, random, 5).requiresGrad(true));
        params.add(Tensor.randn(backend, random).requiresGrad(true));
        return params;
    }

    private static void randomGradients(List<Tensor> params, SeededRandom random) {
        for (Tensor p : params) {
            p.setGrad(Tensor.randn(p.backend(), random, p.dims()));
        }
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void aRunResumedFromAStateDictContinuesBitForBit(Hyperparameters hp) {
        SeededRandom init = new SeededRandom(7);
        List<Tensor> straight = parameters(init);
        List<Tensor> resumed = new ArrayList<>();
        for (Tensor p : straight) {
            resumed.add(p.detach().copy().requiresGrad(true));   // a leaf: copy() of p would be recorded
        }
        Optimizer first = Optimizer.withGroups(List.of(new ParameterGroup(straight.subList(0, 2), hp),
                new ParameterGroup(straight.subList(2, 3), hp.withLr(hp.lr() / 2))));
        SeededRandom gradients = new SeededRandom(99);
        for (int step = 0; step < 20; step++) {
            randomGradients(straight, gradients);
            first.step();
        }
        StateDict snapshot = first.stateDict();
        for (int i = 0; i < straight.size(); i++) {
            resumed.get(i).copyFrom(straight.get(i));
        }
        SeededRandom resumedGradients = new SeededRandom(gradients.state());
        for (int step = 0; step < 20; step++) {
            randomGradients(straight, gradients);
            first.step();
        }
        // A fresh optimizer with other hyperparameters: loading must restore the saved ones too.
        Optimizer second = Optimizer.withGroups(List.of(new ParameterGroup(resumed.subList(0, 2), hp.withLr(1)),
                new ParameterGroup(resumed.subList(2, 3), hp.withLr(1))));
        // Through a checkpoint's safetensors form and back, as a real resume does.
        Checkpoint checkpoint = Checkpoint.fromSafetensors(new Checkpoint(0, 20, 0, Map.of(), snapshot.buffers(),
                snapshot.values(), Map.of()).toSafetensors(), "in memory");
        second.loadStateDict(StateDict.fromValues(checkpoint.optimizerValues(), checkpoint.optimizerTensors()));
        assertThat(second.lr(1)).isEqualTo(hp.lr() / 2);
        assertThat(second.stepCount(0)).isEqualTo(20);
        for (int step = 0; step < 20; step++) {
            randomGradients(resumed, resumedGradients);
            second.step();
        }
        for (int i = 0; i < straight.size(); i++) {
            assertThat(resumed.get(i).toArray()).as("parameter %d", i).containsExactly(straight.get(i).toArray());
        }
        StateDict a = first.stateDict();
        StateDict b = second.stateDict();
        assertThat(b.steps()).isEqualTo(a.steps());
        assertThat(b.buffers().keySet()).isEqualTo(a.buffers().keySet());
        for (String name : a.buffers().keySet()) {
            assertThat(b.buffers().get(name).values()).as(name).containsExactly(a.buffers().get(name).values());
        }
    }

    @Test
    void stateDictUsesStableNames() {
        List<Tensor> params = parameters(new SeededRandom(1));
        Optimizer adam = Optimizer.of(Adam.of(0.01), params);
        assertThat(adam.stateDict().buffers()).isEmpty();
        randomGradients(params, new SeededRandom(2));
        adam.step();
        StateDict state = adam.stateDict();
        assertThat(state.algorithm()).isEqualTo("Adam");
        assertThat(state.buffers()).containsOnlyKeys("state.0.exp_avg", "state.0.exp_avg_sq", "state.1.exp_avg",
                "state.1.exp_avg_sq", "state.2.exp_avg", "state.2.exp_avg_sq");
        assertThat(state.steps()).containsOnlyKeys("state.0.step", "state.1.step", "state.2.step");
        assertThat(state.buffers().get("state.0.exp_avg").shape()).containsExactly(3, 5);
        assertThat(state.buffers().get("state.2.exp_avg").shape()).isEmpty();
        assertThat(state.groups().getFirst().parameters()).containsExactly(0, 1, 2);
        assertThat(state.groups().getFirst().hyperparameters()).containsEntry("lr", 0.01);

        // PyTorch creates Adagrad's sum with the optimizer, filled with the initial accumulator value.
        Optimizer adagrad = Optimizer.of(Adagrad.builder().initialAccumulatorValue(0.5).build(), params);
        StateDict fresh = adagrad.stateDict();
        assertThat(fresh.steps()).containsEntry("state.1.step", 0L);
        assertThat(fresh.buffers().get("state.1.sum").values()).containsOnly(0.5f);
    }

    @Test
    void loadStateDictRejectsStateThatDoesNotFit() {
        List<Tensor> params = parameters(new SeededRandom(1));
        Optimizer adam = Optimizer.of(Adam.of(0.01), params);
        randomGradients(params, new SeededRandom(2));
        adam.step();
        StateDict good = adam.stateDict();

        assertThatThrownBy(() -> Optimizer.of(Sgd.of(0.1), params).loadStateDict(good))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("loadStateDict: the state is for Adam but this optimizer runs SGD");
        assertThatThrownBy(() -> Optimizer.of(Adam.of(0.01), params.subList(0, 2)).loadStateDict(good))
                .hasMessageContaining("group 0 holds parameters [0, 1, 2] in the state but [0, 1]");

        Map<String, TensorData> wrongShape = new HashMap<>(good.buffers());
        wrongShape.put("state.0.exp_avg", new TensorData(new int[] {5, 3}, new float[15]));
        assertThatThrownBy(() -> adam.loadStateDict(new StateDict("Adam", good.groups(), good.steps(), wrongShape)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("loadStateDict: state.0.exp_avg has shape [5, 3] but parameter 0 has shape [3, 5]");

        Map<String, TensorData> unknown = new HashMap<>(good.buffers());
        unknown.put("state.0.momentum_buffer", good.buffers().get("state.0.exp_avg"));
        assertThatThrownBy(() -> adam.loadStateDict(new StateDict("Adam", good.groups(), good.steps(), unknown)))
                .hasMessageContaining("unknown buffer 'state.0.momentum_buffer' for Adam");

        Map<String, Long> outOfRange = new HashMap<>(good.steps());
        outOfRange.put("state.3.step", 1L);
        assertThatThrownBy(() -> adam.loadStateDict(new StateDict("Adam", good.groups(), outOfRange, good.buffers())))
                .hasMessageContaining("'state.3.step' names parameter 3 but this optimizer has 3 parameters");

        Map<String, Long> noStep = new HashMap<>(good.steps());
        noStep.remove("state.1.step");
        assertThatThrownBy(() -> adam.loadStateDict(new StateDict("Adam", good.groups(), noStep, good.buffers())))
                .hasMessageContaining("state.1.step is missing");

        Map<String, String> values = new HashMap<>(good.values());
        values.put("group.0.nesterov", "1");
        assertThatThrownBy(() -> adam.loadStateDict(StateDict.fromValues(values, good.buffers())))
                .hasMessageContaining("Adam: unknown saved hyperparameter 'nesterov'");
        values.remove("group.0.nesterov");
        values.put("state.0.step", "twenty");
        assertThatThrownBy(() -> StateDict.fromValues(values, good.buffers()))
                .hasMessageContaining("StateDict.fromValues: cannot read 'state.0.step' = 'twenty'");
        values.put("state.0.step", "1");
        values.put("momentum", "0.9");
        assertThatThrownBy(() -> StateDict.fromValues(values, good.buffers()))
                .hasMessageContaining("unknown key 'momentum'");

        // Nothing was changed by the failed loads.
        assertThat(adam.stateDict().buffers().get("state.0.exp_avg").values())
                .containsExactly(good.buffers().get("state.0.exp_avg").values());
    }

    @Test
    void parametersWithoutGradientsAreSkipped() {
        List<Tensor> params = parameters(new SeededRandom(3));
        float[] before = params.get(1).toArray();
        Optimizer adam = Optimizer.of(Adam.of(0.1), params);
        params.get(0).setGrad(Tensor.ones(backend, 3, 5));
        params.get(2).setGrad(Tensor.ones(backend));
        adam.step();
        assertThat(params.get(1).toArray()).containsExactly(before);
        assertThat(adam.stepCount(0)).isEqualTo(1);
        assertThat(adam.stepCount(1)).isZero();
        assertThat(adam.stateDict().buffers()).doesNotContainKey("state.1.exp_avg");
    }

    @Test
    void zeroGradClearsOrZeroesGradients() {
        List<Tensor> params = parameters(new SeededRandom(4));
        Optimizer sgd = Optimizer.of(Sgd.of(0.1), params);
        randomGradients(params, new SeededRandom(5));
        sgd.zeroGrad(false);
        assertThat(params.get(0).grad().toArray()).containsOnly(0f);
        sgd.zeroGrad();
        assertThat(params).allSatisfy(p -> assertThat(p.grad()).isNull());
    }

    @Test
    void groupsHaveTheirOwnHyperparameters() {
        Tensor a = Tensor.ones(backend, 4).requiresGrad(true);
        Tensor b = Tensor.ones(backend, 4).requiresGrad(true);
        Optimizer sgd = Optimizer.withGroups(List.of(ParameterGroup.of(Sgd.of(0.5), a),
                ParameterGroup.of(Sgd.builder().lr(0.1).weightDecay(1).build(), b)));
        a.setGrad(Tensor.ones(backend, 4));
        b.setGrad(Tensor.ones(backend, 4));
        sgd.step();
        assertThat(a.toArray()).containsOnly(0.5f);
        assertThat(b.toArray()).containsOnly(0.8f);
        sgd.setLr(0.25);
        assertThat(sgd.lr(0)).isEqualTo(0.25);
        assertThat(sgd.lr(1)).isEqualTo(0.25);
        assertThat(sgd.parameters(1)).containsExactly(b);

        assertThatThrownBy(() -> Optimizer.withGroups(List.of(ParameterGroup.of(Sgd.of(0.1), a),
                ParameterGroup.of(Adam.of(0.1), b)))).hasMessageContaining("group 1 uses Adam but group 0 uses SGD");
        assertThatThrownBy(() -> Optimizer.of(Sgd.of(0.1), a, a)).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> Optimizer.of(Sgd.of(0.1), List.of())).hasMessageContaining("empty parameter list");
        assertThatThrownBy(() -> sgd.setLr(Double.NaN)).hasMessageContaining("SGD: lr must be finite and >= 0");
    }

    @Test
    void clipGradNormScalesAllGradientsTogether() {
        Tensor a = Tensor.zeros(backend, 2).requiresGrad(true);
        Tensor b = Tensor.zeros(backend, 1).requiresGrad(true);
        Tensor none = Tensor.zeros(backend, 3).requiresGrad(true);
        a.setGrad(Tensor.of(backend, new float[] {3, 0}));
        b.setGrad(Tensor.of(backend, new float[] {-4}));
        Tensor total = GradientClipping.clipGradNorm(List.of(a, b, none), 1.0);
        assertThat(total.rank()).isZero();
        assertThat(total.item()).isEqualTo(5f);
        double scale = 1.0 / (5 + 1e-6);
        assertThat(a.grad().toArray()[0]).isCloseTo((float) (3 * scale), within(1e-6f));
        assertThat(b.grad().toArray()[0]).isCloseTo((float) (-4 * scale), within(1e-6f));
        assertThat(none.grad()).isNull();

        // Below the limit the gradients keep their values (the coefficient is clamped to 1).
        a.setGrad(Tensor.of(backend, new float[] {0.3f, 0.4f}));
        b.setGrad(null);
        assertThat(GradientClipping.clipGradNorm(List.of(a, b), 1.0).item()).isCloseTo(0.5f, within(1e-7f));
        assertThat(a.grad().toArray()).containsExactly(0.3f, 0.4f);

        a.setGrad(Tensor.of(backend, new float[] {3, -6}));
        b.setGrad(Tensor.of(backend, new float[] {4}));
        assertThat(GradientClipping.clipGradNorm(List.of(a, b), 100, Double.POSITIVE_INFINITY).item()).isEqualTo(6f);
        assertThat(GradientClipping.clipGradNorm(List.of(a, b), 100, 1).item()).isEqualTo(13f);
        assertThat(GradientClipping.clipGradNorm(List.of(a, b), 100, 3).item())
                .isCloseTo((float) Math.cbrt(27 + 216 + 64), within(1e-4f));
        assertThatThrownBy(() -> GradientClipping.clipGradNorm(List.of(a), -1))
                .hasMessageContaining("clipGradNorm: max_norm must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> GradientClipping.clipGradNorm(List.of(a), 1, 0))
                .hasMessageContaining("norm_type must be > 0");
    }

    @Test
    void clipGradValueClampsEveryElement() {
        Tensor a = Tensor.zeros(backend, 4).requiresGrad(true);
        a.setGrad(Tensor.of(backend, new float[] {-3, -0.5f, 0.5f, 3}));
        GradientClipping.clipGradValue(List.of(a), 1);
        assertThat(a.grad().toArray()).containsExactly(-1f, -0.5f, 0.5f, 1f);
        assertThatThrownBy(() -> GradientClipping.clipGradValue(List.of(a), Double.NaN))
                .hasMessageContaining("clip_value");
    }

    @Test
    void schedulerSetsTheLearningRateOfEveryGroup() {
        Tensor a = Tensor.ones(backend, 1).requiresGrad(true);
        Tensor b = Tensor.ones(backend, 1).requiresGrad(true);
        Optimizer sgd = Optimizer.withGroups(List.of(ParameterGroup.of(Sgd.of(1.0), a),
                ParameterGroup.of(Sgd.of(0.5), b)));
        LrSchedule schedule = LrSchedule.sequential(List.of(new LinearWarmup(0.5, 2), CosineAnnealingLr.of(4)), 2);
        LrScheduler scheduler = new LrScheduler(sgd, schedule);
        assertThat(sgd.lr(0)).isEqualTo(0.5);
        assertThat(sgd.lr(1)).isEqualTo(0.25);
        scheduler.step();
        scheduler.step();
        assertThat(sgd.lr(0)).isCloseTo(1.0, within(1e-12));
        scheduler.step();
        LrScheduler.State saved = scheduler.state();
        assertThat(saved.stepCount()).isEqualTo(3);
        assertThat(sgd.lr(1)).isCloseTo(0.5 * (1 + Math.cos(Math.PI / 4)) / 2, within(1e-12));

        Optimizer other = Optimizer.withGroups(List.of(ParameterGroup.of(Sgd.of(9), a), ParameterGroup.of(Sgd.of(9), b)));
        LrScheduler restored = new LrScheduler(other, schedule);
        restored.load(saved);
        assertThat(other.lr(1)).isEqualTo(sgd.lr(1));
        assertThat(restored.baseLr(0)).isEqualTo(1.0);
    }
}
