package dev.descent.spark;

import dev.descent.data.Standardizer;

import java.io.Serializable;

/**
 * One partition's training rows as float32 arrays: what the estimators cache (one block per partition, no
 * per-row objects), and what each step's gradient task reads.
 *
 * <p>Identity matters: executors keep the block's tensors on their local backend keyed by the block object
 * ({@link BlockWorker}), so a block cached deserialized (Spark's {@code MEMORY_AND_DISK}) is uploaded once.
 * Immutable after construction by convention (the arrays are not copied).
 */
final class FeatureBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final int columns;
    /** Row-major {@code [rows, columns]}. */
    final float[] features;
    /** One label per row: the regression target or the class index. */
    final float[] labels;
    /** The first row that could not be converted (null or mis-sized vector), described; null if none. */
    final String problem;

    FeatureBlock(int partition, int rows, int columns, float[] features, float[] labels, String problem) {
        this.partition = partition;
        this.rows = rows;
        this.columns = columns;
        this.features = features;
        this.labels = labels;
        this.problem = problem;
    }

    /** This block with every feature standardized by {@code standardizer} (core's transform, bit for bit). */
    FeatureBlock standardized(Standardizer standardizer) {
        return new FeatureBlock(partition, rows, columns, rows == 0 ? features : standardizer.transform(features),
                labels, problem);
    }
}
