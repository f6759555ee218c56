package dev.descent.train;

import dev.descent.DescentException;
import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.Batch;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetSplit;
import dev.descent.io.Checkpoint;
import dev.descent.io.MetadataValues;
import dev.descent.io.TensorData;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.optim.StateDict;
import dev.descent.optim.schedule.LrSchedule;
import dev.descent.optim.schedule.LrScheduler;
import dev.descent.spi.Backend;
import dev.descent.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a {@link Module} on one source of data: for each batch, forward, the {@link Objective}'s loss,
 * backward, one {@link Optimizer} step ({@link #trainStep}). Each epoch's mean training loss is the
 * sample-weighted mean of its batches' losses, each taken before its step (as a PyTorch loop that sums
 * {@code loss.item() * len(batch)} reports it). An optimizer that re-evaluates the loss
 * ({@link Optimizer#needsClosure()}: L-BFGS) trains full-batch: one
 * {@link Optimizer#step(dev.descent.optim.LossClosure)} per epoch, counted as one step, whose first evaluation's
 * loss (the loss before the step) is the epoch's loss.
 *
 * <h2>Data</h2>
 * The training data is one object: a {@link Dataset} ({@link Builder#data(Dataset)}, batched by the trainer on the
 * model's backend as {@link Builder#batchSize}, {@link Builder#shuffle} and {@link Builder#seed} say) or a
 * {@link DataLoader} ({@link Builder#data(DataLoader)}), which carries the dataset it was cut from. Validation
 * data ({@link Builder#validationData}, or {@link Builder#validationFraction} held out of the training data,
 * stratified for classification) is scored after every epoch and is what {@link EarlyStopping} watches; test data
 * ({@link Builder#testData}) is scored and reported only.
 *
 * <h2>Schedules, checkpoints and resuming</h2>
 * A learning-rate schedule given to {@link Builder#scheduler} is stepped by the trainer, after every epoch or
 * every optimizer step ({@link SchedulerInterval}). With a checkpoint file, the model, the optimizer state, the
 * scheduler's step count and base rates, the early-stopping counters, the epoch, the step count, the RNG state
 * are written atomically after every epoch (after that epoch's scheduler step), and the epoch's loss is
 * appended to the loss history beside the checkpoint ({@link #lossHistoryFile}), so that a checkpoint costs the
 * same at epoch 10 and at epoch 10 million;
 * {@link Builder#resumeFrom(Path)} continues such a run, and because batch order depends only on (seed, epoch)
 * the result is bit-identical to an uninterrupted run on the same backend, with any schedule. Models with their
 * own randomness (dropout) must be given their generator through
 * {@link Builder#random(dev.descent.tensor.SeededRandom)} so that its state is checkpointed too.
 *
 * <p>A NaN or infinite batch loss stops the run with a {@link TrainingDivergedException} naming the epoch and
 * step. Reads one float per step back to the host (the batch loss) for the loss history and divergence check.
 * Not thread-safe: one trainer runs on one thread; separate trainers on separate models may run concurrently.
 */
public final class Trainer {
    private static final String SCHEDULER_STEPS_KEY = "descent.train.scheduler.steps";
    private static final String SCHEDULER_BASE_LRS_KEY = "descent.train.scheduler.base_lrs";
    private static final String EARLY_STOPPING_KEY = "descent.train.early_stopping";

    private final Module model;
    private final Objective objective;
    private final Optimizer optimizer;
    private final DataLoader loader;
    private final Dataset trainData;
    private final int epochs;
    private final Dataset validationData;
    private final Dataset testData;
    private final List<TrainingListener> listeners;
    private final Path checkpoint;
    private final Path resumeFrom;
    private final dev.descent.tensor.SeededRandom random;
    private final Map<String, String> checkpointMetadata;
    private final LrScheduler scheduler;
    private final SchedulerInterval schedulerInterval;
    private final EarlyStopping earlyStopping;
    private Tensor testFeatures;
    private Tensor validationFeatures;

    private Trainer(Builder b, DataLoader loader, Dataset validationData) {
        this.model = b.model;
        this.objective = b.objective;
        this.optimizer = b.optimizer;
        this.loader = loader;
        this.trainData = loader.dataset();
        this.epochs = b.epochs;
        this.validationData = validationData;
        this.testData = b.testData;
        List<TrainingListener> all = new ArrayList<>(b.listeners);
        if (b.earlyStopping != null && !all.contains(b.earlyStopping)) {
            all.add(b.earlyStopping);
        }
        this.listeners = List.copyOf(all);
        this.checkpoint = b.checkpoint;
        this.resumeFrom = b.resumeFrom;
        this.random = b.random;
        this.checkpointMetadata = Map.copyOf(b.checkpointMetadata);
        this.scheduler = b.schedule == null ? null : new LrScheduler(optimizer, b.schedule);
        this.schedulerInterval = b.schedulerInterval;
        this.earlyStopping = b.earlyStopping;
        if (optimizer.needsClosure() && loader.batchesPerEpoch() != 1) {
            throw new InvalidArgumentException("Trainer: " + optimizer.algorithm() + " is full-batch only (one "
                    + "step(closure) per epoch over all rows), but the loader cuts " + loader.batchesPerEpoch()
                    + " batches per epoch; use a batch size of " + loader.rows() + " (full)");
        }
    }

    /** A builder; model, objective, optimizer and data are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The learning-rate scheduler the trainer steps, or null without a schedule. */
    public LrScheduler scheduler() {
        return scheduler;
    }

    /** The data the model trains on (without a validation fraction held out of it). */
    public Dataset trainData() {
        return trainData;
    }

    /** The validation data: given, or held out of the training data; null without any. */
    public Dataset validationData() {
        return validationData;
    }

    /** Runs the remaining epochs and returns what happened. */
    public TrainingResult fit() {
        int startEpoch = 0;
        long step = 0;
        List<Double> history = new ArrayList<>();
        boolean historyOnDisk = false;
        if (resumeFrom != null && Files.exists(resumeFrom)) {
            Checkpoint saved = Checkpoint.read(resumeFrom);
            boolean[] legacy = new boolean[1];
            for (double v : LossHistoryLog.read(resumeFrom, saved.metadata(), saved.epoch(), legacy)) {
                history.add(v);
            }
            historyOnDisk = !legacy[0] && resumeFrom.equals(checkpoint);
            restore(saved);
            startEpoch = saved.epoch();
            step = saved.step();
        }
        LossHistoryLog historyLog = checkpoint == null ? null
                : LossHistoryLog.open(checkpoint, history, historyOnDisk);
        float[] targets = trainData.targets();
        for (TrainingListener l : listeners) {
            l.onStart(startEpoch + 1, epochs, loader.batchesPerEpoch(), loader.rows());
        }
        long runSamples = 0;
        // Plans by default (-Ddescent.compile=false: the eager loop below); see CompiledTraining.
        CompiledTraining compiled = CompiledTraining.createIfEnabled(model, objective, optimizer, loader);
        long started = System.nanoTime();
        boolean stoppedEarly = false;
        Map<String, TensorData> bestWeights = null;
        try {
            for (int epoch = startEpoch; epoch < epochs; epoch++) {
                long epochStart = System.nanoTime();
                model.train();
                int[] order = loader.order(epoch);
                double lossSum = 0;
                int samples = 0;
                int batchIndex = 0;
                if (compiled != null) {
                    CompiledTraining.EpochTotals totals = compiled.epoch(epoch, order, step, listeners,
                            this::stepBatchScheduler);
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
                    double value = trainStep(batch, hostTargets);
                    step++;
                    if (!Double.isFinite(value)) {
                        throw new TrainingDivergedException(value, epoch + 1, step, batchIndex + 1);
                    }
                    stepBatchScheduler();
                    lossSum += value * size;
                    samples += size;
                    for (TrainingListener l : listeners) {
                        l.onStep(epoch + 1, batchIndex + 1, step, value, size);
                    }
                    batchIndex++;
                }
                if (scheduler != null && schedulerInterval == SchedulerInterval.EPOCH) {
                    scheduler.step();
                }
                double epochLoss = lossSum / Math.max(samples, 1);
                history.add(epochLoss);
                runSamples += samples;
                Metrics test = testData == null ? null : evaluateTest();
                Metrics validation = validationData == null ? null : evaluateValidation();
                EpochSummary summary = new EpochSummary(epoch + 1, step, epochLoss, test,
                        (System.nanoTime() - epochStart) / 1e9, samples, validation);
                boolean go = true;
                for (TrainingListener l : listeners) {
                    go &= l.onEpochEnd(summary);
                }
                if (earlyStopping != null && earlyStopping.restoresBestWeights() && earlyStopping.improved()) {
                    bestWeights = model.stateDict();
                }
                if (historyLog != null) {
                    historyLog.append(epochLoss);
                    saveCheckpoint(epoch + 1, step, historyLog);
                }
                if (!go && epoch + 1 < epochs) {
                    stoppedEarly = true;
                    break;
                }
            }
        } finally {
            if (historyLog != null) {
                historyLog.close();
            }
            for (TrainingListener l : listeners) {
                l.onEnd();
            }
        }
        if (bestWeights != null) {
            model.loadStateDict(bestWeights);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new TrainingResult(history.size(), step, history, stoppedEarly, seconds, runSamples);
    }

    /** A closure evaluation for optimizers that re-evaluate the loss (L-BFGS): fresh gradients, the loss value. */
    private double closureLoss(Batch batch, float[] hostTargets) {
        optimizer.zeroGrad();
        Tensor loss = objective.loss(model.forward(batch.x()), batch.y(), hostTargets);
        loss.backward();
        return loss.item();
    }

    /**
     * One training step on one batch: forward, loss, backward, optimizer step. Returns the batch's loss, taken
     * before the step; a non-finite loss is returned without stepping, so the parameters stay as they were. This
     * is the only place a step happens.
     */
    private double trainStep(Batch batch, float[] hostTargets) {
        if (optimizer.needsClosure()) {
            return optimizer.step(() -> closureLoss(batch, hostTargets));
        }
        Tensor output = model.forward(batch.x());
        Tensor loss = objective.loss(output, batch.y(), hostTargets);
        double value = loss.item();
        if (!Double.isFinite(value)) {
            return value;
        }
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return value;
    }

    /** Steps a per-batch scheduler after a batch's step (the eager loop and the compiled epochs alike). */
    private void stepBatchScheduler() {
        if (scheduler != null && schedulerInterval == SchedulerInterval.BATCH) {
            scheduler.step();
        }
    }

    /** The model's raw outputs for every row of {@code data}, in eval mode and without recording gradients. */
    public static float[] outputs(Module model, Dataset data, Device device) {
        return outputs(model, data.featureTensor(device));
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

    /** The validation set's metrics, uploaded once per run like the test set's. */
    private Metrics evaluateValidation() {
        if (validationFeatures == null) {
            validationFeatures = validationData.featureTensor(parameterBackend());
        }
        return objective.score(outputs(model, validationFeatures), validationData.targets());
    }

    private Backend parameterBackend() {
        return model.parameters().isEmpty() ? null : model.parameters().get(0).backend();
    }

    /**
     * The file beside {@code checkpoint} that holds the run's loss history, one entry appended per epoch
     * ({@code CHECKPOINT.losses}); the checkpoint records how much of it belongs to it, so a checkpoint costs the
     * same at every epoch. It belongs to the checkpoint: keep, move or delete the two together.
     */
    public static Path lossHistoryFile(Path checkpoint) {
        return LossHistoryLog.fileFor(checkpoint);
    }

    private void saveCheckpoint(int completedEpochs, long step, LossHistoryLog history) {
        Map<String, TensorData> tensors = model.stateDict();
        StateDict state = optimizer.stateDict();
        Map<String, String> metadata = new LinkedHashMap<>(checkpointMetadata);
        history.describeIn(metadata);
        if (scheduler != null) {
            LrScheduler.State s = scheduler.state();
            metadata.put(SCHEDULER_STEPS_KEY, Long.toString(s.stepCount()));
            metadata.put(SCHEDULER_BASE_LRS_KEY, MetadataValues.encodeDoubles(
                    s.baseLrs().stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (earlyStopping != null) {
            double best = earlyStopping.bestLoss();
            metadata.put(EARLY_STOPPING_KEY, MetadataValues.encodeDoubles(new double[] {
                Double.isFinite(best) ? best : Double.MAX_VALUE, earlyStopping.bestEpoch(),
                earlyStopping.epochsWithoutImprovement()}));
        }
        new Checkpoint(completedEpochs, step, random == null ? 0 : random.state(), tensors, state.buffers(),
                state.values(), metadata).write(checkpoint);
    }

    private void restore(Checkpoint saved) {
        Map<String, Tensor> params = model.namedParameters();
        if (!params.keySet().equals(saved.model().keySet())) {
            throw new InvalidArgumentException("resume: checkpoint " + resumeFrom + " holds tensors "
                    + saved.model().keySet() + " but the model has " + params.keySet()
                    + " (was it written for another architecture?)");
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
        Map<String, String> meta = saved.metadata();
        if ((scheduler != null) != meta.containsKey(SCHEDULER_STEPS_KEY)) {
            throw new InvalidArgumentException("resume: checkpoint " + resumeFrom + " was written "
                    + (scheduler == null ? "with" : "without") + " a learning-rate schedule but this trainer has "
                    + (scheduler == null ? "none" : "one") + "; resuming would change the run's trajectory");
        }
        optimizer.loadStateDict(StateDict.fromValues(saved.optimizerValues(), saved.optimizerTensors()));
        if (scheduler != null) {
            long steps = MetadataValues.decodeLong(MetadataValues.require(meta, SCHEDULER_STEPS_KEY),
                    SCHEDULER_STEPS_KEY);
            double[] base = MetadataValues.decodeDoubles(MetadataValues.require(meta, SCHEDULER_BASE_LRS_KEY),
                    SCHEDULER_BASE_LRS_KEY, optimizer.groupCount());
            scheduler.load(new LrScheduler.State(steps, Arrays.stream(base).boxed().toList()));
        }
        if (earlyStopping != null && meta.containsKey(EARLY_STOPPING_KEY)) {
            double[] e = MetadataValues.decodeDoubles(meta.get(EARLY_STOPPING_KEY), EARLY_STOPPING_KEY, 3);
            earlyStopping.restore(e[0] == Double.MAX_VALUE ? Double.POSITIVE_INFINITY : e[0], (int) e[1], (int) e[2]);
        }
        model.loadStateDict(saved.model());
        if (random != null) {
            random.setState(saved.rngState());
        }
    }

    /**
     * Configures a {@link Trainer}. Model, objective, optimizer and data are required; {@link #build()} names
     * every one that is missing. Not thread-safe.
     */
    public static final class Builder {
        private Module model;
        private Objective objective;
        private Optimizer optimizer;
        private DataLoader loader;
        private Dataset dataset;
        private Integer batchSize;
        private boolean shuffle = true;
        private long seed;
        private int epochs = 1;
        private Dataset validationData;
        private double validationFraction;
        private long validationSeed;
        private Dataset testData;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path checkpoint;
        private Path resumeFrom;
        private dev.descent.tensor.SeededRandom random;
        private final Map<String, String> checkpointMetadata = new LinkedHashMap<>();
        private LrSchedule schedule;
        private SchedulerInterval schedulerInterval = SchedulerInterval.EPOCH;
        private EarlyStopping earlyStopping;

        private Builder() {
        }

        /** The module to train (required); its parameters' backend is where batches are uploaded. */
        public Builder model(Module model) {
            this.model = model;
            return this;
        }

        /** What to minimise and how to score (required), e.g. {@link Task#objective(int)}. */
        public Builder objective(Objective objective) {
            this.objective = objective;
            return this;
        }

        /** The optimizer over the model's parameters (required). */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * The training data (required, or {@link #data(DataLoader)}), batched by the trainer on the model's
         * backend: {@link #batchSize} rows (32 unless set; all rows for an optimizer that needs a closure, such as
         * L-BFGS), reshuffled every epoch from {@link #seed} unless
         * {@link #shuffle shuffle(false)}.
         */
        public Builder data(Dataset train) {
            this.dataset = train;
            this.loader = null;
            return this;
        }

        /** The training batches (required, or {@link #data(Dataset)}); the loader carries its dataset. */
        public Builder data(DataLoader loader) {
            this.loader = loader;
            this.dataset = null;
            return this;
        }

        /**
         * The loader and the dataset it was built from.
         *
         * @deprecated the loader carries its dataset: use {@link #data(DataLoader)}. A dataset other than the
         *             loader's is refused, since its targets would be paired with another dataset's features.
         * @throws InvalidArgumentException if {@code trainData} is not the dataset {@code loader} serves
         */
        @Deprecated
        public Builder data(DataLoader loader, Dataset trainData) {
            if (loader != null && trainData != loader.dataset()) {
                throw new InvalidArgumentException("Trainer: the loader was built from another dataset than the one"
                        + " given (" + loader.dataset() + " vs " + trainData + "); pass the loader alone");
            }
            return data(loader);
        }

        /** Rows per batch when the trainer batches a {@link #data(Dataset) dataset} (default 32). */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new InvalidArgumentException("Trainer: batch size must be >= 1, got " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /** Whole-dataset batches (full-batch gradient descent) for a {@link #data(Dataset) dataset}. */
        public Builder fullBatch() {
            this.batchSize = Integer.MAX_VALUE;
            return this;
        }

        /** Whether a {@link #data(Dataset) dataset}'s rows are reshuffled every epoch (default true). */
        public Builder shuffle(boolean value) {
            this.shuffle = value;
            return this;
        }

        /** The seed of the shuffling order (default 0); each epoch's order depends on it and the epoch alone. */
        public Builder seed(long value) {
            this.seed = value;
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

        /** Data scored after every epoch and watched by {@link EarlyStopping}; never trained on. */
        public Builder validationData(Dataset validation) {
            this.validationData = validation;
            return this;
        }

        /**
         * Holds {@code fraction} of the {@link #data(Dataset) training dataset} out as validation data
         * ({@link Dataset#split}, stratified by class for classification objectives).
         *
         * @throws InvalidArgumentException unless {@code fraction} is in (0, 1)
         */
        public Builder validationFraction(double fraction, long splitSeed) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new InvalidArgumentException("Trainer: validation fraction must be in (0, 1), got "
                        + fraction);
            }
            this.validationFraction = fraction;
            this.validationSeed = splitSeed;
            return this;
        }

        /** A held-out test set scored after every epoch and reported; nothing training decides looks at it. */
        public Builder testData(Dataset testData) {
            this.testData = testData;
            return this;
        }

        /** Adds a listener told of the run's start, every step, every epoch's end and the end. */
        public Builder listener(TrainingListener listener) {
            this.listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Stops the run when the validation loss (else the training loss) stops improving, restoring the best
         * weights if {@code stopping} says so; its counters are checkpointed.
         */
        public Builder earlyStopping(EarlyStopping stopping) {
            this.earlyStopping = stopping;
            return this;
        }

        /**
         * A learning-rate schedule the trainer steps after every epoch; the optimizer's current rates are the
         * base rates. Its state is checkpointed, so a resumed run continues the schedule exactly.
         */
        public Builder scheduler(LrSchedule schedule) {
            return scheduler(schedule, SchedulerInterval.EPOCH);
        }

        /** As {@link #scheduler(LrSchedule)}, stepped at {@code interval}. */
        public Builder scheduler(LrSchedule schedule, SchedulerInterval interval) {
            this.schedule = schedule;
            this.schedulerInterval = Objects.requireNonNull(interval, "interval");
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

        /**
         * The trainer.
         *
         * @throws DescentException naming every required setting that is missing, or settings that conflict
         */
        public Trainer build() {
            List<String> missing = new ArrayList<>();
            if (model == null) {
                missing.add("model(Module)");
            }
            if (objective == null) {
                missing.add("objective(Objective)");
            }
            if (optimizer == null) {
                missing.add("optimizer(Optimizer)");
            }
            if (loader == null && dataset == null) {
                missing.add("data(Dataset) or data(DataLoader)");
            }
            if (!missing.isEmpty()) {
                throw new InvalidArgumentException("Trainer.Builder: missing " + String.join(", ", missing));
            }
            if (validationFraction > 0 && validationData != null) {
                throw new InvalidArgumentException("Trainer.Builder: give validationData or validationFraction, "
                        + "not both");
            }
            if (validationFraction > 0 && dataset == null) {
                throw new InvalidArgumentException("Trainer.Builder: validationFraction holds rows out of "
                        + "data(Dataset); a DataLoader's rows are fixed, so split the dataset first "
                        + "(Dataset.split) or pass validationData");
            }
            if (loader != null && batchSize != null) {
                throw new InvalidArgumentException("Trainer.Builder: batchSize/fullBatch apply to data(Dataset); the"
                        + " DataLoader given has its own batch size");
            }
            Dataset validation = validationData;
            DataLoader batches = loader;
            if (batches == null) {
                Dataset train = dataset;
                if (validationFraction > 0) {
                    DatasetSplit split = objective.outputs() > 1 || objective.name().equals("binary")
                            ? dataset.stratifiedSplit(validationFraction, validationSeed)
                            : dataset.split(validationFraction, validationSeed);
                    train = split.train();
                    validation = split.holdout();
                }
                Backend backend = model.parameters().isEmpty() ? dev.descent.Backends.getDefault()
                        : model.parameters().get(0).backend();
                int rows = batchSize != null ? batchSize
                        : optimizer != null && optimizer.needsClosure() ? Integer.MAX_VALUE : 32;
                batches = rows >= train.rows() ? DataLoader.fullBatch(train, backend)
                        : shuffle ? DataLoader.shuffled(train, backend, rows, seed)
                        : DataLoader.sequential(train, backend, rows);
            }
            return new Trainer(this, batches, validation);
        }
    }
}
