package dev.descent.data;

import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.spi.Backend;
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

    public float feature(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns()) {
            throw new IndexOutOfRangeException("Dataset.feature: (" + row + ", " + column + ") outside " + rows
                    + " rows x " + columns() + " columns");
        }
        return features[row * columns() + column];
    }

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

    /** The features as a {@code [rows, columns]} tensor on {@code backend}. */
    public Tensor featureTensor(Backend backend) {
        return Tensor.of(backend, features, rows, columns());
    }

    /** The targets as a {@code [rows, 1]} tensor on {@code backend}. @throws InvalidArgumentException if none */
    public Tensor targetTensor(Backend backend) {
        return Tensor.of(backend, requireTargets(), rows, 1);
    }

    /** Features and targets (or {@code null} without targets) uploaded to {@code backend} as one batch. */
    public Batch toTensors(Backend backend) {
        return new Batch(featureTensor(backend), targets == null ? null : targetTensor(backend));
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
