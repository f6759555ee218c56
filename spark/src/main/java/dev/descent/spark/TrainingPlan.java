package dev.descent.spark;

import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.train.Task;

import java.io.Serializable;

/**
 * Everything an executor needs to train on its block, fixed for one fit: sent with every task (a few hundred
 * bytes), compared by value so that an executor rebuilds its local model only when the plan changes.
 *
 * @param task         regression, binary or multiclass
 * @param classes      class count (multiclass), else 1
 * @param features     input width
 * @param model        the architecture's spec: {@code linear} or {@code mlp:H1[,H2...]}
 * @param activation   an MLP's hidden activation
 * @param optimizer    algorithm and hyperparameters
 * @param batchSize    rows per mini-batch, 0 for full batch
 * @param localSteps   optimizer steps per partition between two averagings (mini-batch only)
 * @param epochs       passes over the data
 * @param seed         seed of the initialisation and of every partition's shuffling
 * @param backend      the descent backend executors use, or null for each executor's automatic choice
 */
record TrainingPlan(Task task, int classes, int features, String model, Activation activation, OptimizerSpec optimizer,
                    int batchSize, int localSteps, int epochs, long seed, String backend) implements Serializable {
    /** Core's architecture record (not {@link Serializable}, so the plan carries its spec). */
    Architecture architecture() {
        return Architecture.parse(model, activation, Integer.MAX_VALUE);
    }

    boolean fullBatch() {
        return batchSize == 0;
    }

    int outputs() {
        return task.outputs(classes);
    }

    /**
     * The shuffling seed of partition {@code index}: the fit's seed for partition 0 (so that one partition shuffles
     * exactly as {@code descent train} does), a fixed mix of seed and index for the others.
     */
    long partitionSeed(int index) {
        return index == 0 ? seed : seed ^ (0x9E3779B97F4A7C15L * index + 0x632BE59BD9B4E019L);
    }
}
