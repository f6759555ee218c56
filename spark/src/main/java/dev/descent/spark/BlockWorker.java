package dev.descent.spark;

import dev.descent.Backends;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.Batch;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import dev.descent.train.TrainingDivergedException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The executor side of training: one partition's block on the executor's local descent backend, with a local
 * model whose parameters each task overwrites with the broadcast ones.
 *
 * <p>Workers are kept per executor JVM in a weak map keyed by the block object, so a block that Spark keeps cached
 * deserialized is uploaded to the backend once per fit, not once per step; when Spark drops the block the worker
 * goes with it. A task recomputed after a failure finds (or rebuilds) the same worker and, because every task
 * starts from the broadcast parameters and state alone, computes the same bits.
 *
 * <p>Thread-safety: the methods are synchronized (speculative copies of one task may run concurrently).
 */
final class BlockWorker {
    private static final Map<FeatureBlock, BlockWorker> WORKERS = Collections.synchronizedMap(new WeakHashMap<>());

    private final TrainingPlan plan;
    private final int rows;
    private final float[] labels;
    private final Objective objective;
    private final Module model;
    private final List<Tensor> parameters;
    private final Backend backend;
    // Full batch: the block's features and targets, uploaded once.
    private Tensor x;
    private Tensor y;
    // Mini-batch: the local loader and optimizer.
    private DataLoader loader;
    private Optimizer optimizer;
    private int orderEpoch = -1;
    private int[] order;

    private BlockWorker(FeatureBlock block, TrainingPlan plan) {
        this.plan = plan;
        this.rows = block.rows;
        this.labels = block.labels;
        this.objective = plan.task().objective(plan.classes());
        this.backend = plan.backend() == null ? Backends.getDefault() : Backends.get(plan.backend());
        // Zeros: every task overwrites the parameters with the broadcast ones.
        this.model = plan.architecture().buildForLoading(plan.features(), plan.outputs(), backend);
        this.parameters = model.parameters();
        if (plan.fullBatch()) {
            x = Tensor.of(backend, block.features, rows, block.columns);
            y = Tensor.of(backend, block.labels, rows, 1);
        } else {
            List<String> names = new ArrayList<>(block.columns);
            for (int c = 0; c < block.columns; c++) {
                names.add("f" + c);
            }
            Dataset data = Dataset.of(block.features, names, block.labels, "label");
            loader = DataLoader.shuffled(data, backend, plan.batchSize(), plan.partitionSeed(block.partition));
            optimizer = Optimizer.of(plan.optimizer().hyperparameters(), parameters);
        }
    }

    /** The worker of {@code block} for {@code plan}, created (and its data uploaded) on first use. */
    static BlockWorker of(FeatureBlock block, TrainingPlan plan) {
        synchronized (WORKERS) {
            BlockWorker worker = WORKERS.get(block);
            if (worker == null || !worker.plan.equals(plan)) {
                worker = new BlockWorker(block, plan);
                WORKERS.put(block, worker);
            }
            return worker;
        }
    }

    /**
     * The loss sum and the gradient of this block's part of the mean loss over {@code totalRows} rows, at
     * {@code values}. With {@code rows == totalRows} (one partition) this is exactly single-machine full-batch
     * training's forward and backward: the scale factor is skipped, not multiplied by 1.
     */
    synchronized GradientSum gradient(int partition, float[][] values, long totalRows) {
        load(values);
        model.train();
        for (Tensor p : parameters) {
            p.setGrad(null);
        }
        Tensor output = model.forward(x);
        Tensor loss = objective.loss(output, y, labels);
        double value = loss.item();
        if (rows != totalRows) {
            loss = loss.mul((float) ((double) rows / totalRows));
        }
        loss.backward();
        float[][] gradients = new float[parameters.size()][];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = parameters.get(i).grad().toArray();
        }
        return new GradientSum(partition, rows, value * rows, gradients);
    }

    /**
     * Runs {@code steps} local optimizer steps from {@code values} and {@code state}, on this partition's
     * mini-batches number {@code firstStep ..} of its endless sequence of shuffled epochs, exactly as
     * {@link dev.descent.train.Trainer} runs them (forward, loss, backward, step).
     */
    synchronized LocalRound localSteps(int partition, float[][] values, OptimizerState state, long firstStep,
                                       int steps) {
        load(values);
        if (state != null) {
            optimizer.loadStateDict(state.toStateDict());
        }
        model.train();
        int perEpoch = loader.batchesPerEpoch();
        double lossSum = 0;
        long samples = 0;
        long step = firstStep;
        while (step < firstStep + steps) {
            int epoch = (int) (step / perEpoch);
            int batchIndex = (int) (step % perEpoch);
            int[] epochOrder = order(epoch);
            Iterator<Batch> batches = loader.epoch(epoch, batchIndex).iterator();
            while (batches.hasNext() && step < firstStep + steps) {
                Batch batch = batches.next();
                int size = batch.size();
                float[] hostTargets = new float[size];
                int first = batchIndex * loader.batchSize();
                for (int i = 0; i < size; i++) {
                    hostTargets[i] = labels[epochOrder[first + i]];
                }
                Tensor loss = objective.loss(model.forward(batch.x()), batch.y(), hostTargets);
                double value = loss.item();
                if (!Double.isFinite(value)) {
                    throw new TrainingDivergedException(String.format(Locale.ROOT,
                            "training diverged: the loss became %s in partition %d at local step %d; try a smaller "
                                    + "learningRate or standardization", value, partition, step + 1));
                }
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                lossSum += value * size;
                samples += size;
                step++;
                batchIndex++;
            }
        }
        return new LocalRound(partition, rows, values(), OptimizerState.of(optimizer.stateDict()), lossSum, samples);
    }

    private int[] order(int epoch) {
        if (epoch != orderEpoch) {
            order = loader.order(epoch);
            orderEpoch = epoch;
        }
        return order;
    }

    private void load(float[][] values) {
        try (NoGrad ignored = GradMode.noGrad()) {
            for (int i = 0; i < values.length; i++) {
                parameters.get(i).copyFrom(values[i]);
            }
        }
    }

    private float[][] values() {
        float[][] out = new float[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i).toArray();
        }
        return out;
    }
}
