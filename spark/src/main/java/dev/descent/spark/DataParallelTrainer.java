package dev.descent.spark;

import dev.descent.Backends;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.TrainingDivergedException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The driver side of synchronous data-parallel training over cached {@link FeatureBlock}s (one per partition).
 *
 * <p><b>Full batch</b> ({@code batchSize = 0}): each step is one Spark job. The parameters are broadcast as float32
 * arrays; each partition returns the gradient of its share of the global mean loss ({@link BlockWorker#gradient});
 * the driver adds the partitions' gradients in partition-index order (float32, left to right: the same bits
 * whatever order the tasks finished in, and whatever task was retried), sets them as the parameters' gradients
 * and calls the same {@link Optimizer#step()} as single-machine training. With one partition nothing is added:
 * the step is single-machine full-batch training's step, bit for bit.
 *
 * <p><b>L-BFGS</b> (an optimizer that {@linkplain Optimizer#needsClosure() re-evaluates the loss}): each step is
 * {@link Optimizer#step(dev.descent.optim.LossClosure)}, and every evaluation of its closure is the job above at
 * the parameters the algorithm has just set (so a step costs between one and {@code max_eval} jobs). The
 * algorithm itself (two-loop recursion, line search) runs on the driver, as in single-machine training; with one
 * partition the run is {@code descent train --optimizer lbfgs}'s, bit for bit.
 *
 * <p><b>Mini-batch</b>: each round is one Spark job. Every partition starts from the broadcast parameters and
 * optimizer state, runs {@code localSteps} steps on its own shuffled mini-batches, and returns its parameters and
 * state; the driver averages both weighted by partition rows (in double, in partition-index order, rounded to
 * float32 once). This is local SGD (periodic parameter averaging), not single-machine mini-batch training, except
 * with one partition, where it is exactly {@code descent train}'s shuffled mini-batch run.
 *
 * <p>Cost per step or round: one job with one task per partition, a broadcast of the parameters (and, for
 * mini-batch, the optimizer state), and the partitions' results collected to the driver (parameters-sized float32
 * arrays, one per partition).
 */
final class DataParallelTrainer {
    private static final Logger LOG = Logger.getLogger(DataParallelTrainer.class.getName());

    private DataParallelTrainer() {
    }

    /**
     * Trains a model for {@code plan} on {@code blocks}.
     *
     * @param totalRows   rows over all blocks
     * @param largestRows rows of the largest block (sets the number of local steps per epoch)
     */
    static TrainingRun train(JavaSparkContext context, JavaRDD<FeatureBlock> blocks, long totalRows, int largestRows,
                             TrainingPlan plan) {
        Backend backend = plan.backend() == null ? Backends.getDefault() : Backends.get(plan.backend());
        Module model = plan.architecture().build(plan.features(), plan.outputs(), backend,
                new SeededRandom(plan.seed()));
        Optimizer optimizer = Optimizer.of(plan.optimizer().hyperparameters(), model.parameters());
        List<Double> loss = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        long start = System.nanoTime();
        if (plan.fullBatch()) {
            for (int step = 0; step < plan.epochs(); step++) {
                loss.add(fullBatchStep(context, blocks, totalRows, plan, model, optimizer, backend, step));
                seconds.add((System.nanoTime() - start) / 1e9);
            }
        } else {
            int batch = Math.min(plan.batchSize(), largestRows);
            long perEpoch = (largestRows + batch - 1) / batch;
            long total = perEpoch * plan.epochs();
            OptimizerState state = null;
            for (long done = 0; done < total; ) {
                int steps = (int) Math.min(plan.localSteps(), total - done);
                state = localRound(context, blocks, plan, model, optimizer, state, done, steps, loss);
                done += steps;
                seconds.add((System.nanoTime() - start) / 1e9);
            }
        }
        LOG.fine(() -> String.format(Locale.ROOT, "descent-spark: %d %s in %.2f s on %s, final loss %g",
                loss.size(), plan.fullBatch() ? "steps" : "rounds", (System.nanoTime() - start) / 1e9,
                backend.name(), loss.isEmpty() ? Double.NaN : loss.getLast()));
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            values.put(name, p.toArray());
            shapes.put(name, p.dims());
        });
        return new TrainingRun(values, shapes, loss, seconds);
    }

    private static double fullBatchStep(JavaSparkContext context, JavaRDD<FeatureBlock> blocks, long totalRows,
                                        TrainingPlan plan, Module model, Optimizer optimizer, Backend backend,
                                        int step) {
        double meanLoss;
        if (optimizer.needsClosure()) {
            // L-BFGS: every closure evaluation is one Spark job at the parameters the algorithm has just set.
            meanLoss = optimizer.step(() -> fullBatchGradient(context, blocks, totalRows, plan, model, backend));
        } else {
            meanLoss = fullBatchGradient(context, blocks, totalRows, plan, model, backend);
            if (Double.isFinite(meanLoss)) {
                optimizer.step();
            }
        }
        if (!Double.isFinite(meanLoss)) {
            throw new TrainingDivergedException(String.format(Locale.ROOT, "training diverged: the loss became %s "
                    + "at step %d; try a smaller learningRate or standardization", meanLoss, step + 1));
        }
        return meanLoss;
    }

    /**
     * One Spark job: the mean loss over all rows at the model's current parameters, with the gradient of it set
     * as every parameter's gradient (the partitions' gradients added in partition-index order).
     */
    private static double fullBatchGradient(JavaSparkContext context, JavaRDD<FeatureBlock> blocks, long totalRows,
                                            TrainingPlan plan, Module model, Backend backend) {
        List<Tensor> parameters = model.parameters();
        Broadcast<float[][]> values = context.broadcast(values(parameters));
        List<GradientSum> parts;
        try {
            parts = blocks.mapPartitionsWithIndex((index, it) -> {
                List<GradientSum> out = new ArrayList<>(1);
                while (it.hasNext()) {
                    FeatureBlock block = it.next();
                    if (block.rows > 0) {
                        out.add(BlockWorker.of(block, plan).gradient(index, values.value(), totalRows));
                    }
                }
                return out.iterator();
            }, true).collect();
        } finally {
            values.destroy();
        }
        float[][] sum = null;
        double lossSum = 0;
        for (GradientSum part : parts) {
            lossSum += part.lossSum();
            if (sum == null) {
                sum = part.gradients();
                continue;
            }
            for (int k = 0; k < sum.length; k++) {
                float[] acc = sum[k];
                float[] add = part.gradients()[k];
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += add[i];
                }
            }
        }
        for (int k = 0; k < parameters.size(); k++) {
            Tensor p = parameters.get(k);
            p.setGrad(Tensor.of(backend, sum[k], p.dims()));
        }
        return lossSum / totalRows;
    }

    private static OptimizerState localRound(JavaSparkContext context, JavaRDD<FeatureBlock> blocks, TrainingPlan plan,
                                             Module model, Optimizer optimizer, OptimizerState state, long firstStep,
                                             int steps, List<Double> loss) {
        List<Tensor> parameters = model.parameters();
        Broadcast<float[][]> values = context.broadcast(values(parameters));
        Broadcast<OptimizerState> sentState = context.broadcast(state);
        List<LocalRound> parts;
        try {
            parts = blocks.mapPartitionsWithIndex((index, it) -> {
                List<LocalRound> out = new ArrayList<>(1);
                while (it.hasNext()) {
                    FeatureBlock block = it.next();
                    if (block.rows > 0) {
                        out.add(BlockWorker.of(block, plan).localSteps(index, values.value(), sentState.value(),
                                firstStep, steps));
                    }
                }
                return out.iterator();
            }, true).collect();
        } finally {
            values.destroy();
            sentState.destroy();
        }
        double lossSum = 0;
        long samples = 0;
        for (LocalRound part : parts) {
            lossSum += part.lossSum();
            samples += part.samples();
        }
        loss.add(lossSum / Math.max(samples, 1));
        float[][] averaged;
        OptimizerState averagedState;
        if (parts.size() == 1) {
            averaged = parts.getFirst().parameters();
            averagedState = parts.getFirst().state();
        } else {
            long rows = 0;
            for (LocalRound part : parts) {
                rows += part.rows();
            }
            List<float[][]> paramsByPart = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (LocalRound part : parts) {
                paramsByPart.add(part.parameters());
                weights.add((double) part.rows() / rows);
            }
            averaged = Averaging.weighted(paramsByPart, weights);
            Map<String, float[]> buffers = new LinkedHashMap<>();
            for (String name : parts.getFirst().state().buffers().keySet()) {
                List<float[][]> byPart = new ArrayList<>();
                for (LocalRound part : parts) {
                    byPart.add(new float[][] {part.state().buffers().get(name)});
                }
                buffers.put(name, Averaging.weighted(byPart, weights)[0]);
            }
            OptimizerState first = parts.getFirst().state();
            averagedState = new OptimizerState(first.values(), first.shapes(), buffers);
        }
        try (var ignored = dev.descent.autograd.GradMode.noGrad()) {
            for (int k = 0; k < parameters.size(); k++) {
                parameters.get(k).copyFrom(averaged[k]);
            }
        }
        optimizer.loadStateDict(averagedState.toStateDict());
        if (!Double.isFinite(loss.getLast())) {
            throw new TrainingDivergedException("training diverged: the loss became " + loss.getLast()
                    + " in round " + loss.size() + "; try a smaller learningRate or standardization");
        }
        return averagedState;
    }

    private static float[][] values(List<Tensor> parameters) {
        float[][] out = new float[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i).toArray();
        }
        return out;
    }
}
