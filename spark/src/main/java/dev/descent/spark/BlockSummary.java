package dev.descent.spark;

import java.io.Serializable;

/**
 * What the first pass over one partition found: its row count, feature width, largest label, the column sums
 * (double, in row order, for standardization) and the first bad value, if any (reported by the driver as one line
 * rather than thrown inside a task).
 *
 * @param partition the partition index
 * @param rows      rows in the partition
 * @param columns   feature width (-1 without rows)
 * @param maxLabel  the largest label
 * @param sums      per-column sums of the features
 * @param problem   a description of the first bad row, or null
 */
record BlockSummary(int partition, int rows, int columns, double maxLabel, double[] sums, String problem)
        implements Serializable {
}
