package dev.descent.train;

import dev.descent.InvalidArgumentException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.Batch;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.io.Checkpoint;
import dev.descent.io.MetadataValues;
import dev.descent.io.TensorData;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.optim.StateDict;
import dev.descent.spi.Backend;
import dev.descent.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a {@link Module} on a {@link DataLoader}'s batches: for each batch, forward, the
 * {@link Objective}'s loss, backward, one {@link Optimizer} step. Each epoch's mean training loss is the
 * sample-weighted mean of its batches' losses, each taken before its step (as a PyTorch loop that sums
 * {@code loss.item() * len(batch)} reports it).
 *
 * <p>A NaN or infinite batch loss stops the run with a {@link TrainingDivergedException} naming the epoch and
 * step. With a checkpoint file, the model, the optimizer state, the epoch, the step count and the loss history
 * are written atomically after every epoch; {@link Builder#resumeFrom(Path)} continues such a run, and because
 * batch order depends only on (seed, epoch) the result is bit-identical to an uninterrupted run on the same
 * backend. Models with their own randomness (dropout) must be given their generator through
 * {@link Builder#random(dev.descent.tensor.SeededRandom)} so that its state is checkpointed too.
 *
 * <p>Reads one float per step back to the host (the batch loss) for the loss history and divergence check.
 * Not thread-safe: one trainer runs on one thread; separate trainers on separate models may run concurrently.
 */
public final class Trainer {
    private static final String LOSS_HISTORY_KEY = "descent.train.loss_history";

    private final Module model;
    private final Objective objective;
    private final Optimizer optimizer;
    private final DataLoader loader;
    private final Dataset trainData;
    private final int epochs;
    private final Dataset testData;
    private final List<TrainingListener> listeners;
    private final Path checkpoint;
    private final Path resumeFrom;
    private final dev.descent.tensor.SeededRandom random;
    private final Map<String, String> checkpointMetadata;
    private Tensor testFeatures;

    private Trainer(Builder b) {
        this.model = Objects.requireNonNull(b.model, "model");
        this.objective = Objects.requireNonNull(b.objective, "objective");
        this.optimizer = Objects.requireNonNull(b.optimizer, "optimizer");
        this.loader = Objects.requireNonNull(b.loader, "loader");
        this.trainData = Objects.requireNonNull(b.trainData, "trainData");
        this.epochs = b.epochs;
        this.testData = b.testData;
        this.listeners = List.copyOf(b.listeners);
        this.checkpoint = b.checkpoint;
        this.resumeFrom = b.resumeFrom;
        this.random = b.random;
        this.checkpointMetadata = Map.copyOf(b.checkpointMetadata);
        if (loader.rows() != trainData.rows()) {
            throw new InvalidArgumentException("Trainer: the loader has " + loader.rows()
                    + " rows but the training data " + trainData.rows());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the remaining epochs and returns what happened. */
    public TrainingResult fit() {
        int startEpoch = 0;
        long step = 0;
        List<Double> history = new ArrayList<>();
        if (resumeFrom != null && Files.exists(resumeFrom)) {
            Checkpoint saved = Checkpoint.read(resumeFrom);
            restore(saved);
            startEpoch = saved.epoch();
            step = saved.step();
            String h = saved.metadata().get(LOSS_HISTORY_KEY);
            if (h != null) {
                for (double v : MetadataValues.decodeDoubles(h, LOSS_HISTORY_KEY)) {
                    history.add(v);
                }
            }
        }
        float[] targets = trainData.targets();
        for (TrainingListener l : listeners) {
            l.onStart(startEpoch + 1, epochs, loader.batchesPerEpoch(), loader.rows());
        }
        long runSamples = 0;
        // Plans by default (-Ddescent.compile=false: the eager loop below); see CompiledTraining.
        CompiledTraining compiled = CompiledTraining.createIfEnabled(model, objective, optimizer, loader);
        long started = System.nanoTime();
        boolean stoppedEarly = false;
        try {
            for (int epoch = startEpoch; epoch < epochs; epoch++) {
                long epochStart = System.nanoTime();
                model.train();
                int[] order = loader.order(epoch);
                double lossSum = 0;
                int samples = 0;
                int batchIndex = 0;
                if (compiled != null) {
                    CompiledTraining.EpochTotals totals = compiled.epoch(epoch, order, step, listeners);
                    lossSum = totals.lossSum();
                    samples = totals.samples();
                    step = totals.step();
                }
                for (Batch batch : compiled != null ? List.<Batch>of() : loader.epoch(epoch)) {
                    int size = batch.size();
                    float[] hostTargets = new float[size];
                    int first = batchIndex * loader.batchSize();
                    for (int i = 0; i < size; i++) {
                        hostTargets[i] = targets[order[first + i]];
                    }
                    Tensor output = model.forward(batch.x());
                    Tensor loss = objective.loss(output, batch.y(), hostTargets);
                    double value = loss.item();
                    step++;
                    if (!Double.isFinite(value)) {
                        throw diverged(value, epoch, step, batchIndex);
                    }
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                    lossSum += value * size;
                    samples += size;
                    for (TrainingListener l : listeners) {
                        l.onStep(epoch + 1, batchIndex + 1, step, value, size);
                    }
                    batchIndex++;
                }
                double epochLoss = lossSum / Math.max(samples, 1);
                history.add(epochLoss);
                runSamples += samples;
                Metrics test = testData == null ? null : evaluateTest();
                if (checkpoint != null) {
                    saveCheckpoint(epoch + 1, step, history);
                }
                EpochSummary summary = new EpochSummary(epoch + 1, step, epochLoss, test,
                        (System.nanoTime() - epochStart) / 1e9, samples);
                boolean go = true;
                for (TrainingListener l : listeners) {
                    go &= l.onEpochEnd(summary);
                }
                if (!go && epoch + 1 < epochs) {
                    stoppedEarly = true;
                    break;
                }
            }
        } finally {
            for (TrainingListener l : listeners) {
                l.onEnd();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new TrainingResult(history.size(), step, history, stoppedEarly, seconds, runSamples);
    }

    /** The error for a non-finite batch loss at {@code step} (batch {@code batchIndex} of {@code epoch}, from 0). */
    static TrainingDivergedException diverged(double value, int epoch, long step, int batchIndex) {
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "training diverged: the loss became %s at epoch %d, step %d (batch %d of the epoch); "
                        + "try a smaller --lr, --standardize, or gradient clipping",
                value, epoch + 1, step, batchIndex + 1));
    }

    /** The model's raw outputs for every row of {@code data}, in eval mode and without recording gradients. */
    public static float[] outputs(Module model, Dataset data, Backend backend) {
        return outputs(model, data.featureTensor(backend));
    }

    /** The model's raw outputs for every row of {@code features} ({@code [rows, columns]}), as above. */
    private static float[] outputs(Module model, Tensor features) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (NoGrad ignored = GradMode.noGrad()) {
            int rows = features.dim(0);
            int chunk = 8192;
            float[] result = null;
            int width = 0;
            for (int start = 0; start < rows; start += chunk) {
                int end = Math.min(rows, start + chunk);
                Tensor out = model.forward(start == 0 && end == rows ? features : features.rows(start, end));
                if (result == null) {
                    width = out.rank() == 1 ? 1 : out.dim(1);
                    result = new float[rows * width];
                }
                out.copyTo(result, start * width);
            }
            return result == null ? new float[0] : result;
        } finally {
            model.train(wasTraining);
        }
    }

    /** The objective's loss and metrics of the model on {@code data}. */
    public Metrics evaluate(Dataset data) {
        return objective.score(outputs(model, data, parameterBackend()), data.targets());
    }

    /** The test set's metrics; its features are uploaded once per run, not once per epoch. */
    private Metrics evaluateTest() {
        if (testFeatures == null) {
            testFeatures = testData.featureTensor(parameterBackend());
        }
        return objective.score(outputs(model, testFeatures), testData.targets());
    }

    private Backend parameterBackend() {
        return model.parameters().isEmpty() ? null : model.parameters().get(0).backend();
    }

    private void saveCheckpoint(int completedEpochs, long step, List<Double> history) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> tensors.put(name, TensorData.of(p)));
        StateDict state = optimizer.stateDict();
        Map<String, String> metadata = new LinkedHashMap<>(checkpointMetadata);
        metadata.put(LOSS_HISTORY_KEY, MetadataValues.encodeDoubles(
                history.stream().mapToDouble(Double::doubleValue).toArray()));
        new Checkpoint(completedEpochs, step, random == null ? 0 : random.state(), tensors, state.buffers(),
                state.values(), metadata).write(checkpoint);
    }

    private void restore(Checkpoint saved) {
        Map<String, Tensor> params = model.namedParameters();
        if (!params.keySet().equals(saved.model().keySet())) {
            throw new InvalidArgumentException("resume: checkpoint " + resumeFrom + " holds tensors "
                    + saved.model().keySet() + " but the model has " + params.keySet()
                    + " (was it written with another --model?)");
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            TensorData data = saved.model().get(e.getKey());
            if (!Arrays.equals(data.shape(), e.getValue().dims())) {
                throw new InvalidArgumentException("resume: checkpoint tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(data.shape()) + " but the model's is " + e.getValue().shape());
            }
        }
        if (saved.epoch() > epochs) {
            throw new InvalidArgumentException("resume: checkpoint " + resumeFrom + " is at epoch " + saved.epoch()
                    + ", beyond the " + epochs + " epochs asked for");
        }
        optimizer.loadStateDict(StateDict.fromValues(saved.optimizerValues(), saved.optimizerTensors()));
        try (NoGrad ignored = GradMode.noGrad()) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                e.getValue().copyFrom(saved.model().get(e.getKey()).values());
            }
        }
        if (random != null) {
            random.setState(saved.rngState());
        }
    }

    /** Configures a {@link Trainer}; model, objective, optimizer, loader and training data are required. */
    public static final class Builder {
        private Module model;
        private Objective objective;
        private Optimizer optimizer;
        private DataLoader loader;
        private Dataset trainData;
        private int epochs = 1;
        private Dataset testData;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path checkpoint;
        private Path resumeFrom;
        private dev.descent.tensor.SeededRandom random;
        private final Map<String, String> checkpointMetadata = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder model(Module model) {
            this.model = model;
            return this;
        }

        public Builder objective(Objective objective) {
            this.objective = objective;
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** The batches to train on and the data set they were cut from (its host targets feed the loss). */
        public Builder data(DataLoader loader, Dataset trainData) {
            this.loader = loader;
            this.trainData = trainData;
            return this;
        }

        /** Total epochs of the run (>= 1), counting epochs done before a resume. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new InvalidArgumentException("Trainer: epochs must be >= 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** A held-out set evaluated after every epoch (and available to early stopping). */
        public Builder testData(Dataset testData) {
            this.testData = testData;
            return this;
        }

        public Builder listener(TrainingListener listener) {
            this.listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** Writes a checkpoint atomically to {@code file} after every epoch. */
        public Builder checkpoint(Path file) {
            this.checkpoint = file;
            return this;
        }

        /** Continues from the checkpoint at {@code file} if it exists (otherwise starts from scratch). */
        public Builder resumeFrom(Path file) {
            this.resumeFrom = file;
            return this;
        }

        /** The generator whose state is checkpointed with the model (dropout masks draw from it). */
        public Builder random(dev.descent.tensor.SeededRandom random) {
            this.random = random;
            return this;
        }

        /** Extra string entries stored in every checkpoint (e.g. a model description). */
        public Builder checkpointMetadata(Map<String, String> metadata) {
            this.checkpointMetadata.putAll(metadata);
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
