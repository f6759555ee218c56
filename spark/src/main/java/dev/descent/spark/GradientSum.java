package dev.descent.spark;

import java.io.Serializable;

/**
 * One partition's share of a full-batch step: its rows' loss sum and the gradient of its part of the global mean
 * loss ({@code rows / totalRows} times its own mean's gradient), one float32 array per parameter in
 * {@code namedParameters()} order. The driver adds these in partition-index order.
 *
 * @param partition the partition index
 * @param rows      rows in the partition
 * @param lossSum   the partition's mean loss times its rows (double)
 * @param gradients one array per parameter
 */
record GradientSum(int partition, int rows, double lossSum, float[][] gradients) implements Serializable {
}
