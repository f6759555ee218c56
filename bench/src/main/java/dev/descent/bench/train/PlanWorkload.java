package dev.descent.bench.train;

import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.nn.Linear;
import dev.descent.nn.Module;
import dev.descent.nn.ReLU;
import dev.descent.nn.Sequential;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.train.Objective;
import dev.descent.train.Objectives;

/**
 * One of the plan benchmarks' workloads, built the same way for each of them ({@link FusedPlanBenchmark},
 * {@link PlanTrainingBenchmark}), so that their figures are for the very same data, model and optimizer: linear or
 * logistic regression on {@link TrainingData#linear} (SGD lr 0.01) or the 784-256-10 ReLU MLP on
 * {@link TrainingData#mlp} (Adam lr 1e-3), contiguous batches, seeds fixed.
 *
 * @param data      the training rows
 * @param loader    contiguous batches of them on the backend
 * @param model     the model, initialised from seed 0
 * @param optimizer its optimizer
 * @param objective the task's loss
 */
record PlanWorkload(Dataset data, DataLoader loader, Module model, Optimizer optimizer, Objective objective) {
    /** The workload {@code task} ({@code linreg}, {@code logreg} or {@code mlp}) on backend {@code b}. */
    static PlanWorkload of(String task, Backend b) {
        SeededRandom random = new SeededRandom(0);
        return switch (task) {
            case "linreg", "logreg" -> {
                Dataset data = TrainingData.linear(task.equals("logreg"), 1234);
                Module model = new Linear(TrainingData.LINEAR_FEATURES, 1, true, b, random);
                yield new PlanWorkload(data, DataLoader.sequential(data, b, TrainingData.LINEAR_BATCH), model,
                        Optimizer.of(Sgd.of(0.01), model.parameters()),
                        task.equals("linreg") ? Objectives.regression() : Objectives.binary());
            }
            case "mlp" -> {
                Dataset data = TrainingData.mlp(1234);
                Module model = new Sequential(
                        new Linear(TrainingData.MLP_FEATURES, TrainingData.MLP_HIDDEN, true, b, random),
                        new ReLU(),
                        new Linear(TrainingData.MLP_HIDDEN, TrainingData.MLP_CLASSES, true, b, random));
                yield new PlanWorkload(data, DataLoader.sequential(data, b, TrainingData.MLP_BATCH), model,
                        Optimizer.of(Adam.of(1e-3), model.parameters()),
                        Objectives.multiclass(TrainingData.MLP_CLASSES));
            }
            default -> throw new IllegalArgumentException("task must be linreg, logreg or mlp, got " + task);
        };
    }
}
