package dev.descent.data;

import dev.descent.Device;
import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.tensor.Tensor;

import java.util.HashSet;
import java.util.List;

/**
 * A table of numeric samples held on the host: {@code rows} feature rows of {@code columns} float32 values,
 * named columns, and optionally one target value per row. It is what {@link CsvReader} produces,
 * {@link Standardizer} transforms and {@link DataLoader} batches; {@link #toTensors} uploads it to a backend.
 *
 * <p>Invariants: features are row-major ({@code rows * columns} values), every value is finite, column names
 * are distinct, and targets (when present) have one value per row. A dataset without targets ({@link
 * #hasTargets()} false) is what prediction reads. Immutable (arrays are copied in and out) and thread-safe.
 */
public final class Dataset {
    private final float[] features;
    private final int rows;
    private final List<String> featureNames;
    private final float[] targets;
    private final String targetName;

    private Dataset(float[] features, int rows, List<String> featureNames, float[] targets, String targetName) {
        this.features = features;
        this.rows = rows;
        this.featureNames = featureNames;
        this.targets = targets;
        this.targetName = targetName;
    }

    /**
     * A dataset with targets.
     *
     * @param features     row-major values, {@code targets.length * featureNames.size()} of them, all finite
     * @param featureNames distinct column names
     * @param targets      one finite target per row
     * @param targetName   the target column's name
     */
    public static Dataset of(float[] features, List<String> featureNames, float[] targets, String targetName) {
        if (targetName == null) {
            throw new InvalidArgumentException("Dataset: targetName is null");
        }
        checkFinite(targets, "target", 1);
        return create(features.clone(), targets.length, featureNames, targets.clone(), targetName);
    }

    /** A dataset without targets, of {@code features.length / featureNames.size()} rows. */
    public static Dataset ofFeatures(float[] features, List<String> featureNames) {
        int columns = featureNames.size();
        if (columns == 0) {
            throw new InvalidArgumentException("Dataset: at least one feature column is needed");
        }
        if (features.length % columns != 0) {
            throw new ShapeMismatchException("Dataset: " + features.length + " feature values do not divide into "
                    + "rows of " + columns + " columns");
        }
        return create(features.clone(), features.length / columns, featureNames, null, null);
    }

    /**
     * A dataset from one array of feature values per row.
     *
     * @throws ShapeMismatchException naming the first row whose length is not {@code featureNames.size()}, or if
     *                                the row and target counts differ
     */
    public static Dataset of(float[][] features, List<String> featureNames, float[] targets, String targetName) {
        if (features.length != targets.length) {
            throw new ShapeMismatchException("Dataset: " + features.length + " feature rows but " + targets.length
                    + " targets");
        }
        return of(flatten(features, featureNames.size(), i -> features[i].length, (i, c) -> features[i][c]),
                featureNames, targets, targetName);
    }

    /**
     * A dataset from double-precision rows, each value rounded to the nearest float (a value beyond float's
     * range becomes infinite and is refused as not finite).
     *
     * @throws ShapeMismatchException as {@link #of(float[][], List, float[], String)}
     */
    public static Dataset of(double[][] features, List<String> featureNames, double[] targets, String targetName) {
        if (features.length != targets.length) {
            throw new ShapeMismatchException("Dataset: " + features.length + " feature rows but " + targets.length
                    + " targets");
        }
        float[] y = new float[targets.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) targets[i];
        }
        return of(flatten(features, featureNames.size(), i -> features[i].length, (i, c) -> (float) features[i][c]),
                featureNames, y, targetName);
    }

    /**
     * A dataset from a stream of whole rows, each holding a value for every one of {@code columns} (in that
     * order), like the lines of a CSV file; the column called {@code targetName} is the target, the others the
     * features in their order. The stream is consumed on the calling thread.
     *
     * @throws InvalidArgumentException if {@code targetName} is not one of {@code columns}
     * @throws ShapeMismatchException   naming the first row of another length
     */
    public static Dataset fromRows(java.util.stream.Stream<float[]> rows, List<String> columns, String targetName) {
        int target = columns.indexOf(targetName);
        if (target < 0) {
            throw new InvalidArgumentException("Dataset.fromRows: target column \"" + targetName + "\" is not one of "
                    + columns);
        }
        int width = columns.size();
        List<String> featureNames = new java.util.ArrayList<>(columns);
        featureNames.remove(target);
        FloatBuffer x = new FloatBuffer();
        FloatBuffer y = new FloatBuffer();
        int[] row = {0};
        rows.forEachOrdered(values -> {
            if (values.length != width) {
                throw new ShapeMismatchException("Dataset.fromRows: row " + row[0] + " has " + values.length
                        + " values, expected " + width + " (" + columns + ")");
            }
            for (int c = 0; c < width; c++) {
                if (c == target) {
                    y.add(values[c]);
                } else {
                    x.add(values[c]);
                }
            }
            row[0]++;
        });
        return of(x.toArray(), featureNames, y.toArray(), targetName);
    }

    /** A growable float array for {@link #fromRows}. */
    private static final class FloatBuffer {
        private float[] values = new float[64];
        private int size;

        void add(float v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, Math.multiplyExact(values.length, 2));
            }
            values[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    private interface RowLength {
        int of(int row);
    }

    private interface Cell {
        float at(int row, int column);
    }

    private static float[] flatten(Object[] rows, int columns, RowLength length, Cell cell) {
        float[] flat = new float[Math.multiplyExact(rows.length, columns)];
        for (int i = 0; i < rows.length; i++) {
            if (length.of(i) != columns) {
                throw new ShapeMismatchException("Dataset: row " + i + " has " + length.of(i) + " values, expected "
                        + columns);
            }
            for (int c = 0; c < columns; c++) {
                flat[i * columns + c] = cell.at(i, c);
            }
        }
        return flat;
    }

    /**
     * This dataset cut at random into a training part and a held-out part of {@code ceil(fraction * rows)} rows
     * (scikit-learn's {@code train_test_split(test_size=fraction)}; see {@link DatasetSplit}).
     *
     * @throws InvalidArgumentException unless {@code fraction} is in (0, 1) and leaves rows on both sides
     */
    public DatasetSplit split(double fraction, long seed) {
        return DatasetSplit.random(this, fraction, seed);
    }

    /**
     * As {@link #split}, but each target value (class) keeps its share in both parts (scikit-learn's
     * {@code stratify=y}); for classification data.
     *
     * @throws InvalidArgumentException as {@link #split}, or if this dataset has no targets
     */
    public DatasetSplit stratifiedSplit(double fraction, long seed) {
        requireTargets();
        return DatasetSplit.stratified(this, fraction, seed);
    }

    /** Trusted construction for the reader (arrays already owned, values already checked). */
    static Dataset owned(float[] features, int rows, List<String> featureNames, float[] targets, String targetName) {
        return new Dataset(features, rows, List.copyOf(featureNames), targets, targetName);
    }

    private static Dataset create(float[] features, int rows, List<String> featureNames, float[] targets,
                                  String targetName) {
        List<String> names = List.copyOf(featureNames);
        if (names.isEmpty()) {
            throw new InvalidArgumentException("Dataset: at least one feature column is needed");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new InvalidArgumentException("Dataset: feature names " + names + " are not distinct");
        }
        if ((long) rows * names.size() != features.length) {
            throw new ShapeMismatchException("Dataset: " + features.length + " feature values for " + rows
                    + " rows of " + names.size() + " columns (need " + (long) rows * names.size() + ")");
        }
        checkFinite(features, "feature", names.size());
        return new Dataset(features, rows, names, targets, targetName);
    }

    private static void checkFinite(float[] values, String what, int columns) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidArgumentException("Dataset: " + what + " at row " + (i / columns) + ", column "
                        + (i % columns) + " is " + values[i] + "; values must be finite");
            }
        }
    }

    /** The number of samples. */
    public int rows() {
        return rows;
    }

    /** The number of feature columns. */
    public int columns() {
        return featureNames.size();
    }

    /** The feature columns' names, in column order (unmodifiable). */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Whether the dataset has a target column (one read for prediction has none). */
    public boolean hasTargets() {
        return targets != null;
    }

    /** The target column's name, or {@code null} without targets. */
    public String targetName() {
        return targetName;
    }

    /** A copy of the row-major features. */
    public float[] features() {
        return features.clone();
    }

    /** A copy of the targets. @throws InvalidArgumentException if there are none */
    public float[] targets() {
        return requireTargets().clone();
    }

    /** The feature value at {@code row}, {@code column}. @throws dev.descent.IndexOutOfRangeException outside the table */
    public float feature(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns()) {
            throw new IndexOutOfRangeException("Dataset.feature: (" + row + ", " + column + ") outside " + rows
                    + " rows x " + columns() + " columns");
        }
        return features[row * columns() + column];
    }

    /** The target of {@code row}. @throws dev.descent.IndexOutOfRangeException outside the table */
    public float target(int row) {
        float[] t = requireTargets();
        if (row < 0 || row >= rows) {
            throw new IndexOutOfRangeException("Dataset.target: row " + row + " outside 0.." + (rows - 1));
        }
        return t[row];
    }

    /** The rows at {@code indices}, in that order (repeats allowed), e.g. for a train/validation split. */
    public Dataset select(int[] indices) {
        int columns = columns();
        float[] x = new float[Math.multiplyExact(indices.length, columns)];
        float[] y = targets == null ? null : new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int r = indices[i];
            if (r < 0 || r >= rows) {
                throw new IndexOutOfRangeException("Dataset.select: index " + r + " at position " + i
                        + " outside 0.." + (rows - 1));
            }
            System.arraycopy(features, r * columns, x, i * columns, columns);
            if (y != null) {
                y[i] = targets[r];
            }
        }
        return new Dataset(x, indices.length, featureNames, y, targetName);
    }

    /** This dataset with the features replaced (same shape and names); for transforms such as standardization. */
    Dataset withFeatures(float[] newFeatures) {
        return new Dataset(newFeatures, rows, featureNames, targets, targetName);
    }

    /** This dataset with the targets replaced (same row count); for target transforms. */
    Dataset withTargets(float[] newTargets) {
        return new Dataset(features, rows, featureNames, newTargets, targetName);
    }

    /** Package access to the targets without a copy (null without targets). */
    float[] targetsView() {
        return targets;
    }

    /** Package access to the features without a copy. */
    float[] featuresView() {
        return features;
    }

    /** The features as a {@code [rows, columns]} tensor on {@code device}. */
    public Tensor featureTensor(Device device) {
        return Tensor.of(device, features, rows, columns());
    }

    /** The targets as a {@code [rows, 1]} tensor on {@code device}. @throws InvalidArgumentException if none */
    public Tensor targetTensor(Device device) {
        return Tensor.of(device, requireTargets(), rows, 1);
    }

    /** Features and targets (or {@code null} without targets) uploaded to {@code device} as one batch. */
    public Batch toTensors(Device device) {
        return new Batch(featureTensor(device), targets == null ? null : targetTensor(device));
    }

    private float[] requireTargets() {
        if (targets == null) {
            throw new InvalidArgumentException("Dataset: this dataset has no target column (it was read for"
                    + " prediction)");
        }
        return targets;
    }

    @Override
    public String toString() {
        return "Dataset[" + rows + " rows, features " + featureNames
                + (targets == null ? ", no target" : ", target " + targetName) + "]";
    }
}
