package dev.descent.train.checks;

import dev.descent.DescentException;
import dev.descent.InvalidArgumentException;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.io.TensorData;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.optim.schedule.StepLr;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.train.EarlyStopping;
import dev.descent.train.EpochSummary;
import dev.descent.train.Objectives;
import dev.descent.train.SchedulerInterval;
import dev.descent.train.Task;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingDivergedException;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Trainer}'s contract on one backend: a run resumed from a checkpoint with a learning-rate schedule
 * ({@code StepLr(2, 0.1)}, per epoch and per batch) ends bit-identical to an uninterrupted one; one source of
 * training data; validation data separate from test data, watched by {@link EarlyStopping}, whose best weights
 * are restored; the builder's traps are errors naming what is missing; core's messages name no CLI option. Every
 * backend module runs these with a one-line subclass.
 */
public abstract class TrainerChecks {
    @TempDir
    Path dir;

    /** The backend under test. */
    protected abstract Backend backend();

    private static Dataset regression(int rows, long seed) {
        SeededRandom r = new SeededRandom(seed);
        float[][] x = new float[rows][2];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = r.nextFloat() * 2 - 1;
            x[i][1] = r.nextFloat() * 2 - 1;
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.5f + 0.1f * (r.nextFloat() - 0.5f);
        }
        return Dataset.of(x, List.of("a", "b"), y, "y");
    }

    private Module model() {
        return Architecture.mlp(Activation.TANH, 6).build(2, 1, backend(), new SeededRandom(4));
    }

    private Trainer.Builder builder(Module model, Dataset data, int epochs) {
        Optimizer optimizer = Optimizer.of(Sgd.builder().lr(0.2).momentum(0.9).build(), model.parameters());
        return Trainer.builder().model(model).objective(Objectives.regression()).optimizer(optimizer)
                .data(data).batchSize(16).seed(9).epochs(epochs);
    }

    @Test
    void resumeWithAStepScheduleIsBitIdentical() {
        for (SchedulerInterval interval : SchedulerInterval.values()) {
            Dataset data = regression(100, 1);
            Module straight = model();
            Trainer uninterrupted = builder(straight, data, 6).scheduler(new StepLr(2, 0.1), interval).build();
            TrainingResult full = uninterrupted.fit();

            Path file = dir.resolve(interval + ".ckpt");
            Module first = model();
            builder(first, data, 3).scheduler(new StepLr(2, 0.1), interval).checkpoint(file).build().fit();
            Module resumed = model();
            Trainer second = builder(resumed, data, 6).scheduler(new StepLr(2, 0.1), interval).checkpoint(file)
                    .resumeFrom(file).build();
            TrainingResult rest = second.fit();

            assertThat(rest.lossHistory()).as(interval.name()).isEqualTo(full.lossHistory());
            assertThat(second.scheduler().stepCount()).isEqualTo(uninterrupted.scheduler().stepCount());
            assertBitIdentical(resumed.stateDict(), straight.stateDict());
        }
    }

    @Test
    void aCheckpointWithoutTheScheduleIsRefused() {
        Dataset data = regression(40, 2);
        Path file = dir.resolve("plain.ckpt");
        builder(model(), data, 2).checkpoint(file).build().fit();
        assertThatThrownBy(() -> builder(model(), data, 4).scheduler(new StepLr(2, 0.1)).resumeFrom(file).build()
                .fit()).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("was written without a learning-rate schedule but this trainer has one");
    }

    private static void assertBitIdentical(Map<String, TensorData> actual, Map<String, TensorData> expected) {
        // TensorData compares values bit for bit.
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void missingBuilderFieldsAreNamed() {
        assertThatThrownBy(() -> Trainer.builder().build()).isInstanceOf(DescentException.class)
                .hasMessage("Trainer.Builder: missing model(Module), objective(Objective), optimizer(Optimizer), "
                        + "data(Dataset) or data(DataLoader)");
        Module m = model();
        assertThatThrownBy(() -> Trainer.builder().model(m).objective(Objectives.regression()).build())
                .hasMessage("Trainer.Builder: missing optimizer(Optimizer), data(Dataset) or data(DataLoader)");
    }

    @Test
    @SuppressWarnings("deprecation")
    void aLoaderAndADatasetThatDisagreeAreRefused() {
        Dataset a = regression(50, 3);
        Dataset b = regression(50, 4);
        DataLoader loader = DataLoader.sequential(a, backend(), 10);
        assertThatThrownBy(() -> Trainer.builder().data(loader, b))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("the loader was built from another dataset");
        assertThat(Trainer.builder().model(model()).objective(Objectives.regression())
                .optimizer(Optimizer.of(Sgd.of(0.1), model().parameters())).data(loader, a).build().trainData())
                .isSameAs(a);
    }

    @Test
    void validationIsHeldOutOfTrainingAndKeptApartFromTest() {
        Dataset data = regression(100, 5);
        Dataset test = regression(30, 6);
        List<EpochSummary> seen = new ArrayList<>();
        Trainer t = builder(model(), data, 3).validationFraction(0.2, 1).testData(test)
                .listener(new TrainingListener() {
                    @Override
                    public boolean onEpochEnd(EpochSummary summary) {
                        seen.add(summary);
                        return true;
                    }
                }).build();
        assertThat(t.trainData().rows()).isEqualTo(80);
        assertThat(t.validationData().rows()).isEqualTo(20);
        t.fit();
        assertThat(seen).hasSize(3).allSatisfy(s -> {
            assertThat(s.validation()).isNotNull();
            assertThat(s.test()).isNotNull();
            assertThat(s.validation().loss()).isNotEqualTo(s.test().loss());
        });
    }

    @Test
    void classificationValidationIsStratified() {
        float[][] x = new float[100][1];
        float[] y = new float[100];
        for (int i = 0; i < 100; i++) {
            x[i][0] = i;
            y[i] = i < 90 ? 0 : 1;
        }
        Dataset data = Dataset.of(x, List.of("x"), y, "label");
        Module m = Architecture.linear().build(1, 1, backend(), new SeededRandom(1));
        Trainer t = Trainer.builder().model(m).objective(Task.BINARY.objective(1))
                .optimizer(Optimizer.of(Sgd.of(0.01), m.parameters())).data(data).validationFraction(0.2, 3)
                .build();
        float ones = 0;
        for (float v : t.validationData().targets()) {
            ones += v;
        }
        assertThat(t.validationData().rows()).isEqualTo(20);
        assertThat(ones).isEqualTo(2f);
    }

    @Test
    void earlyStoppingWatchesValidationAndRestoresTheBestWeights() {
        Dataset data = regression(60, 7);
        Dataset validation = regression(30, 8);
        Module m = model();
        List<Map<String, TensorData>> weights = new ArrayList<>();
        List<Double> validationLoss = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(2, 0).restoreBestWeights(true);
        // lr 2.5 makes the run oscillate, so the last epoch is not the best one.
        Optimizer optimizer = Optimizer.of(Sgd.of(2.5), m.parameters());
        Trainer t = Trainer.builder().model(m).objective(Objectives.regression()).optimizer(optimizer)
                .data(data).fullBatch().epochs(40).validationData(validation).earlyStopping(stopping)
                .listener(new TrainingListener() {
                    @Override
                    public boolean onEpochEnd(EpochSummary summary) {
                        weights.add(m.stateDict());
                        validationLoss.add(summary.validation().loss());
                        return true;
                    }
                }).build();
        TrainingResult result = t.fit();
        int best = 0;
        for (int i = 1; i < validationLoss.size(); i++) {
            if (validationLoss.get(i) < validationLoss.get(best)) {
                best = i;
            }
        }
        assertThat(stopping.bestEpoch()).isEqualTo(best + 1);
        assertThat(m.stateDict()).isEqualTo(weights.get(best));
        if (result.stoppedEarly()) {
            assertThat(result.epochs()).isEqualTo(best + 1 + 2);
        }
    }

    @Test
    void divergenceIsStructuredAndNamesNoCommandLineOption() {
        Dataset data = regression(20, 9);
        Module m = model();
        Trainer t = Trainer.builder().model(m).objective(Objectives.regression())
                .optimizer(Optimizer.of(Sgd.of(1e30), m.parameters())).data(data).fullBatch().epochs(50).build();
        assertThatThrownBy(t::fit).isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
            assertThat(e.epoch()).isPositive();
            assertThat(e.step()).isEqualTo(e.epoch());
            assertThat(e.batch()).isEqualTo(1);
            assertThat(Double.isFinite(e.loss())).isFalse();
            assertThat(e.getMessage()).startsWith("training diverged: the loss became").doesNotContain("--");
        });
    }
}
