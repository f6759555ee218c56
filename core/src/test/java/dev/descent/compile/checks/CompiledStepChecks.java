package dev.descent.compile.checks;

import dev.descent.compile.CompiledStep;
import dev.descent.data.Batch;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.io.TensorData;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.optim.StateDict;
import dev.descent.spi.Backend;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingResult;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replayed plan is the eager step, bit for bit: for every model (linear, MLP with each activation), objective
 * and optimizer the CLI offers, {@value #EPOCHS} epochs of a shuffled loader whose last batch is partial give the
 * same loss at every step, the same parameters and the same optimizer state (buffers and step counts) as the
 * eager loop; and {@code Trainer} with plans gives the same result as without, across a checkpoint and resume.
 * Each case also checks that both batch shapes really replayed, so a silent fallback cannot pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CompiledStepChecks {
    private static final int ROWS = 37;
    private static final int BATCH = 8;
    private static final int EPOCHS = 6;

    /** The backend under test. */
    protected abstract Backend backend();

    List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : Setups.models()) {
            for (String objective : Setups.objectives()) {
                for (String optimizer : Setups.optimizers()) {
                    out.add(Arguments.of(model, objective, optimizer));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void replayedStepsAreBitIdenticalToEagerSteps(String modelName, String objectiveName, String optimizerName) {
        checkReplay(modelName, objectiveName, optimizerName, false);
    }

    List<Arguments> consecutiveCases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : Setups.models()) {
            for (String objective : Setups.objectives()) {
                out.add(Arguments.of(model, objective, "adam"));
                out.add(Arguments.of(model, objective, "sgd-momentum"));
            }
        }
        return out;
    }

    /**
     * Consecutive rows (a sequential loader): even epochs pass no order, so a plan whose graph can read the
     * features in place ({@code CompiledGraph.bindInput}) reads them straight from the data set's storage; odd
     * epochs pass the identity order, which gathers the same rows into the plan's input buffer, so the binding is
     * undone and redone between epochs. Every step stays bit-identical to the eager loop.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("consecutiveCases")
    void consecutiveRowsReadInPlaceAreBitIdenticalToEagerSteps(String modelName, String objectiveName,
                                                               String optimizerName) {
        checkReplay(modelName, objectiveName, optimizerName, true);
    }

    private void checkReplay(String modelName, String objectiveName, String optimizerName, boolean consecutive) {
        Backend backend = backend();
        Objective objective = Setups.objective(objectiveName);
        Dataset data = Setups.data(objectiveName, ROWS, 11);
        Module eagerModel = Setups.model(modelName, objective.outputs(), backend, 5);
        Module planModel = Setups.model(modelName, objective.outputs(), backend, 5);
        Optimizer eagerOptimizer = Optimizer.of(Setups.optimizer(optimizerName), eagerModel.parameters());
        Optimizer planOptimizer = Optimizer.of(Setups.optimizer(optimizerName), planModel.parameters());
        DataLoader eagerLoader = consecutive ? DataLoader.sequential(data, backend, BATCH)
                : DataLoader.shuffled(data, backend, BATCH, 3);
        DataLoader planLoader = consecutive ? DataLoader.sequential(data, backend, BATCH)
                : DataLoader.shuffled(data, backend, BATCH, 3);
        CompiledStep step = CompiledStep.of(planOptimizer,
                (x, y) -> objective.loss(planModel.forward(x), y, null), true);
        float[] targets = data.targets();
        int index = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            int[] order = eagerLoader.order(epoch);
            int first = 0;
            for (Batch batch : eagerLoader.epoch(epoch)) {
                int size = batch.size();
                float[] hostTargets = new float[size];
                for (int i = 0; i < size; i++) {
                    hostTargets[i] = targets[order[first + i]];
                }
                Tensor loss = objective.loss(eagerModel.forward(batch.x()), batch.y(), hostTargets);
                float eager = loss.item();
                eagerOptimizer.zeroGrad();
                loss.backward();
                eagerOptimizer.step();

                int[] planOrder = consecutive && epoch % 2 == 0 ? null : planLoader.order(epoch);
                float planned = step.runRows(planLoader.features(), planLoader.targets(), planOrder,
                        first, first + size).item();
                assertThat(Float.floatToRawIntBits(planned)).as("loss of step %d", index)
                        .isEqualTo(Float.floatToRawIntBits(eager));
                first += size;
                index++;
            }
        }
        assertThat(step.fallbackReason()).isNull();
        int outputs = 1;
        assertThat(step.replays(Shape.of(BATCH, Setups.COLUMNS), Shape.of(BATCH, outputs))).isTrue();
        assertThat(step.replays(Shape.of(ROWS % BATCH, Setups.COLUMNS), Shape.of(ROWS % BATCH, outputs))).isTrue();
        assertSameParameters(eagerModel, planModel);
        assertSameState(eagerOptimizer.stateDict(), planOptimizer.stateDict());
    }

    List<Arguments> trainerCases() {
        List<Arguments> out = new ArrayList<>();
        for (String objective : Setups.objectives()) {
            out.add(Arguments.of("mlp-tanh", objective, "adam"));
            out.add(Arguments.of("linear", objective, "sgd-momentum"));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("trainerCases")
    void trainerWithPlansMatchesEagerTrainerAcrossCheckpointAndResume(String modelName, String objectiveName,
                                                                      String optimizerName, @TempDir Path dir) {
        Backend backend = backend();
        Objective objective = Setups.objective(objectiveName);
        Dataset data = Setups.data(objectiveName, ROWS, 21);

        Module eagerModel = Setups.model(modelName, objective.outputs(), backend, 9);
        Optimizer eagerOptimizer = Optimizer.of(Setups.optimizer(optimizerName), eagerModel.parameters());
        TrainingResult eager = withCompile(false, () -> trainer(eagerModel, objective, eagerOptimizer, data, backend,
                EPOCHS, null, null).fit());

        Path checkpoint = dir.resolve("run.ckpt");
        Module firstModel = Setups.model(modelName, objective.outputs(), backend, 9);
        Optimizer firstOptimizer = Optimizer.of(Setups.optimizer(optimizerName), firstModel.parameters());
        withCompile(true, () -> trainer(firstModel, objective, firstOptimizer, data, backend, EPOCHS / 2, checkpoint,
                null).fit());
        Module resumedModel = Setups.model(modelName, objective.outputs(), backend, 77);
        Optimizer resumedOptimizer = Optimizer.of(Setups.optimizer(optimizerName), resumedModel.parameters());
        TrainingResult resumed = withCompile(true, () -> trainer(resumedModel, objective, resumedOptimizer, data,
                backend, EPOCHS, checkpoint, checkpoint).fit());

        assertThat(resumed.lossHistory()).isEqualTo(eager.lossHistory());
        assertThat(resumed.steps()).isEqualTo(eager.steps());
        assertSameParameters(eagerModel, resumedModel);
        assertSameState(eagerOptimizer.stateDict(), resumedOptimizer.stateDict());
    }

    private static Trainer trainer(Module model, Objective objective, Optimizer optimizer, Dataset data,
                                   Backend backend, int epochs, Path checkpoint, Path resumeFrom) {
        Trainer.Builder b = Trainer.builder().model(model).objective(objective).optimizer(optimizer)
                .data(DataLoader.shuffled(data, backend, BATCH, 4), data).epochs(epochs);
        if (checkpoint != null) {
            b.checkpoint(checkpoint);
        }
        if (resumeFrom != null) {
            b.resumeFrom(resumeFrom);
        }
        return b.build();
    }

    static <T> T withCompile(boolean on, java.util.function.Supplier<T> action) {
        String previous = System.getProperty(CompiledStep.PROPERTY);
        System.setProperty(CompiledStep.PROPERTY, Boolean.toString(on));
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty(CompiledStep.PROPERTY);
            } else {
                System.setProperty(CompiledStep.PROPERTY, previous);
            }
        }
    }

    static void assertSameParameters(Module expected, Module actual) {
        Map<String, Tensor> e = expected.namedParameters();
        Map<String, Tensor> a = actual.namedParameters();
        assertThat(a.keySet()).isEqualTo(e.keySet());
        for (String name : e.keySet()) {
            assertThat(bits(a.get(name).toArray())).as("parameter %s", name).isEqualTo(bits(e.get(name).toArray()));
        }
    }

    static void assertSameState(StateDict expected, StateDict actual) {
        assertThat(actual.steps()).isEqualTo(expected.steps());
        assertThat(actual.buffers().keySet()).isEqualTo(expected.buffers().keySet());
        for (Map.Entry<String, TensorData> b : expected.buffers().entrySet()) {
            assertThat(bits(actual.buffers().get(b.getKey()).values())).as("optimizer buffer %s", b.getKey())
                    .isEqualTo(bits(b.getValue().values()));
        }
    }

    static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
