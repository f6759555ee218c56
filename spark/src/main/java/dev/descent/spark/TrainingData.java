package dev.descent.spark;

import dev.descent.InvalidArgumentException;
import dev.descent.data.Standardizer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DataFrame's training rows cached as one {@link FeatureBlock} per partition (float32, standardized when asked),
 * with what the driver needs to know about them. Built with two or three passes: one that converts, caches and
 * summarises every partition, one for the deviations when standardizing (then the standardized blocks are cached
 * and the raw ones dropped). {@link #release()} unpersists the cache.
 */
final class TrainingData {
    final JavaRDD<FeatureBlock> blocks;
    final long rows;
    final int largestPartition;
    final int columns;
    final double maxLabel;
    final Standardizer standardizer;

    private TrainingData(JavaRDD<FeatureBlock> blocks, long rows, int largestPartition, int columns, double maxLabel,
                         Standardizer standardizer) {
        this.blocks = blocks;
        this.rows = rows;
        this.largestPartition = largestPartition;
        this.columns = columns;
        this.maxLabel = maxLabel;
        this.standardizer = standardizer;
    }

    /**
     * Converts and caches {@code frame}'s {@code featuresCol} (vectors) and {@code labelCol} (numbers).
     *
     * @param owner        the estimator, for error messages
     * @param featureNames the feature names (for the standardizer), or null to name them {@code f0, f1, ...}
     * @throws InvalidArgumentException with one line naming the column, partition and row of the first bad value
     */
    static TrainingData cache(String owner, Dataset<?> frame, String featuresCol, String labelCol, LabelRule rule,
                              boolean standardize, List<String> featureNames) {
        JavaRDD<Row> rows = frame.select(frame.col(featuresCol), frame.col(labelCol).cast("double")).toJavaRDD();
        JavaRDD<FeatureBlock> raw = rows.mapPartitionsWithIndex((index, it) -> {
            List<FeatureBlock> out = new ArrayList<>(1);
            out.add(toBlock(index, it));
            return out.iterator();
        }, true);
        raw.persist(StorageLevel.MEMORY_AND_DISK());
        List<BlockSummary> summaries = raw.map(b -> summarise(b, rule)).collect();
        long total = 0;
        int largest = 0;
        int columns = -1;
        double maxLabel = Double.NEGATIVE_INFINITY;
        for (BlockSummary s : summaries) {
            if (s.problem() != null) {
                raw.unpersist(false);
                throw new InvalidArgumentException(owner + ": " + s.problem().replace("{features}", "featuresCol '"
                        + featuresCol + "'").replace("{label}", "labelCol '" + labelCol + "'"));
            }
            if (s.rows() == 0) {
                continue;
            }
            if (columns >= 0 && s.columns() != columns) {
                raw.unpersist(false);
                throw new InvalidArgumentException(owner + ": featuresCol '" + featuresCol + "' holds vectors of "
                        + columns + " and of " + s.columns() + " values; every row needs the same size");
            }
            columns = s.columns();
            total += s.rows();
            largest = Math.max(largest, s.rows());
            maxLabel = Math.max(maxLabel, s.maxLabel());
        }
        if (total == 0) {
            raw.unpersist(false);
            throw new InvalidArgumentException(owner + ": the training data has no rows");
        }
        if (columns == 0) {
            raw.unpersist(false);
            throw new InvalidArgumentException(owner + ": featuresCol '" + featuresCol + "' holds empty vectors");
        }
        if (!standardize) {
            return new TrainingData(raw, total, largest, columns, maxLabel, null);
        }
        Standardizer standardizer = fitStandardizer(raw, summaries, total, columns, names(featureNames, columns));
        // Standardizer is not Serializable: its statistics travel, and each task rebuilds it.
        List<String> columnNames = new ArrayList<>(standardizer.columns());
        double[] mean = standardizer.mean();
        double[] scale = standardizer.scale();
        JavaRDD<FeatureBlock> standardized = raw.map(b -> b.standardized(Standardizer.of(columnNames, mean, scale)));
        standardized.persist(StorageLevel.MEMORY_AND_DISK());
        standardized.count();
        raw.unpersist(false);
        return new TrainingData(standardized, total, largest, columns, maxLabel, standardizer);
    }

    /** Unpersists the cached blocks. */
    void release() {
        blocks.unpersist(false);
    }

    /** {@code names} if it has {@code columns} entries, else {@code f0 .. f(columns-1)}. */
    static List<String> names(List<String> names, int columns) {
        if (names != null && names.size() == columns) {
            return names;
        }
        List<String> out = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            out.add("f" + c);
        }
        return out;
    }

    /**
     * Mean and population standard deviation per column as core's {@link Standardizer#fit} computes them: sums in
     * double in row order within a partition, partitions added in index order, then a second pass for the squared
     * deviations. With one partition the statistics are {@code Standardizer.fit}'s, bit for bit.
     */
    private static Standardizer fitStandardizer(JavaRDD<FeatureBlock> raw, List<BlockSummary> summaries, long total,
                                                int columns, List<String> names) {
        double[] mean = new double[columns];
        for (BlockSummary s : summaries) {
            if (s.rows() > 0) {
                for (int c = 0; c < columns; c++) {
                    mean[c] += s.sums()[c];
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            mean[c] /= total;
        }
        List<double[]> deviations = raw.map(b -> squaredDeviations(b, mean)).collect();
        double[] variance = new double[columns];
        for (double[] d : deviations) {
            for (int c = 0; c < columns; c++) {
                variance[c] += d[c];
            }
        }
        double[] scale = new double[columns];
        for (int c = 0; c < columns; c++) {
            double std = Math.sqrt(variance[c] / total);
            scale[c] = std == 0 ? 1 : std;
        }
        return Standardizer.of(names, mean, scale);
    }

    private static double[] squaredDeviations(FeatureBlock b, double[] mean) {
        double[] out = new double[mean.length];
        for (int r = 0; r < b.rows; r++) {
            for (int c = 0; c < b.columns; c++) {
                double d = b.features[r * b.columns + c] - mean[c];
                out[c] += d * d;
            }
        }
        return out;
    }

    private static FeatureBlock toBlock(int partition, java.util.Iterator<Row> it) {
        List<float[]> features = new ArrayList<>();
        FloatList labels = new FloatList();
        int columns = -1;
        String problem = null;
        while (it.hasNext()) {
            Row row = it.next();
            Object value = row.get(0);
            float[] x = value instanceof DenseVector dense ? toFloats(dense.values())
                    : value instanceof Vector vector ? toFloats(vector.toArray()) : null;
            if (problem == null) {
                if (x == null) {
                    problem = "partition " + partition + ", row " + (features.size() + 1)
                            + ": {features} is null or not a vector";
                } else if (columns >= 0 && x.length != columns) {
                    problem = "partition " + partition + ", row " + (features.size() + 1) + ": {features} has a "
                            + "vector of " + x.length + " values but earlier rows have " + columns;
                }
            }
            if (x != null && columns < 0) {
                columns = x.length;
            }
            features.add(x);
            labels.add(row.isNullAt(1) ? Float.NaN : (float) row.getDouble(1));
        }
        int rows = features.size();
        int width = Math.max(columns, 0);
        float[] flat = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            float[] x = features.get(r);
            if (x != null && x.length == width) {
                System.arraycopy(x, 0, flat, r * width, width);
            }
        }
        return new FeatureBlock(partition, rows, width, flat, labels.toArray(), problem);
    }

    private static BlockSummary summarise(FeatureBlock b, LabelRule rule) {
        if (b.problem != null) {
            return new BlockSummary(b.partition, b.rows, b.columns, 0, new double[0], b.problem);
        }
        double[] sums = new double[b.columns];
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < b.rows; r++) {
            float label = b.labels[r];
            for (int c = 0; c < b.columns; c++) {
                float v = b.features[r * b.columns + c];
                if (!Float.isFinite(v)) {
                    return problem(b, r, String.format(Locale.ROOT,
                            "{features} has value %s at index %d (features must be finite)", v, c));
                }
                sums[c] += v;
            }
            String expected = rule.check(label);
            if (expected != null) {
                return problem(b, r, "{label} has label " + (Float.isNaN(label) ? "null or NaN" : label) + ", not "
                        + expected);
            }
            max = Math.max(max, label);
        }
        return new BlockSummary(b.partition, b.rows, b.rows == 0 ? -1 : b.columns, max, sums, null);
    }

    private static BlockSummary problem(FeatureBlock b, int row, String message) {
        return new BlockSummary(b.partition, b.rows, b.columns, 0, new double[0],
                "partition " + b.partition + ", row " + (row + 1) + ": " + message);
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** A growable float array (no boxing for the labels). */
    private static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        void add(float v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void set(int i, float v) {
            values[i] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
