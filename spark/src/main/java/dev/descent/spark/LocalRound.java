package dev.descent.spark;

import java.io.Serializable;

/**
 * One partition's result of a round of local mini-batch steps: its parameters and optimizer state after the
 * steps, and the loss sum over the round's batches. The driver averages these weighted by {@code rows}.
 *
 * @param partition  the partition index
 * @param rows       rows in the partition (the averaging weight)
 * @param parameters one array per parameter in {@code namedParameters()} order
 * @param state      the local optimizer's state after the round
 * @param lossSum    the sum of batch loss times batch size over the round
 * @param samples    samples seen in the round
 */
record LocalRound(int partition, int rows, float[][] parameters, OptimizerState state, double lossSum,
                  long samples) implements Serializable {
}
