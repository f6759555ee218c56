package dev.descent.data;

import dev.descent.InvalidArgumentException;
import dev.descent.io.MetadataValues;
import dev.descent.io.ModelFormatException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Z-score standardization of feature columns, {@code z = (x - mean) / scale}, fitted on the training set and
 * saved with the model so that prediction applies exactly the same transform.
 *
 * <p>Follows scikit-learn's {@code StandardScaler}: {@code mean} is the column mean and {@code scale} the
 * population standard deviation (divided by n, not n - 1) of the training rows. A constant column (standard
 * deviation exactly 0) gets scale 1: it is still centred, so it becomes all zeros, and is not divided by zero.
 * Statistics are computed in double precision with two passes (mean, then squared deviations), which makes the
 * deviation of a constant float column exactly 0. The transform is evaluated in double and rounded to float once.
 *
 * <p>In a model file the standardizer is three metadata entries ({@link #toMetadata()}): {@value #COLUMNS_KEY}
 * (a JSON array of the column names), {@value #MEAN_KEY} and {@value #SCALE_KEY} (JSON arrays of numbers in
 * Java's shortest exact decimal form, so the doubles round-trip bit for bit). In NumPy:
 * {@code (x - np.array(json.loads(meta["standardization.mean"]))) / np.array(json.loads(meta["standardization.scale"]))}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Standardizer {
    /** Metadata key of the standardized columns' names. */
    public static final String COLUMNS_KEY = "standardization.columns";
    /** Metadata key of the per-column means. */
    public static final String MEAN_KEY = "standardization.mean";
    /** Metadata key of the per-column scales. */
    public static final String SCALE_KEY = "standardization.scale";

    private final List<String> columns;
    private final double[] mean;
    private final double[] scale;

    private Standardizer(List<String> columns, double[] mean, double[] scale) {
        this.columns = columns;
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * A standardizer with given statistics, one per column.
     *
     * @throws InvalidArgumentException if lengths differ, a value is not finite or a scale is not positive
     */
    public static Standardizer of(List<String> columns, double[] mean, double[] scale) {
        List<String> names = List.copyOf(columns);
        if (mean.length != names.size() || scale.length != names.size()) {
            throw new InvalidArgumentException("Standardizer: " + names.size() + " columns but " + mean.length
                    + " means and " + scale.length + " scales");
        }
        for (int c = 0; c < names.size(); c++) {
            if (!Double.isFinite(mean[c]) || !Double.isFinite(scale[c]) || scale[c] <= 0) {
                throw new InvalidArgumentException("Standardizer: column \"" + names.get(c) + "\" has mean "
                        + mean[c] + " and scale " + scale[c] + "; need a finite mean and a finite positive scale");
            }
        }
        return new Standardizer(names, mean.clone(), scale.clone());
    }

    /** Fits per-column mean and population standard deviation on {@code training}'s features. */
    public static Standardizer fit(Dataset training) {
        int rows = training.rows();
        int columns = training.columns();
        if (rows == 0) {
            throw new InvalidArgumentException("Standardizer.fit: the dataset has no rows");
        }
        float[] x = training.featuresView();
        double[] mean = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                mean[c] += x[r * columns + c];
            }
        }
        for (int c = 0; c < columns; c++) {
            mean[c] /= rows;
        }
        double[] variance = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double d = x[r * columns + c] - mean[c];
                variance[c] += d * d;
            }
        }
        double[] scale = new double[columns];
        for (int c = 0; c < columns; c++) {
            double std = Math.sqrt(variance[c] / rows);
            scale[c] = std == 0 ? 1 : std;
        }
        return new Standardizer(training.featureNames(), mean, scale);
    }

    /** The names of the columns this standardizer was fitted on, in order. */
    public List<String> columns() {
        return columns;
    }

    /** A copy of the per-column means. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the per-column scales (population standard deviations; 1 for constant columns). */
    public double[] scale() {
        return scale.clone();
    }

    /**
     * {@code data} with every feature standardized; targets are unchanged.
     *
     * @throws InvalidArgumentException if {@code data}'s feature columns are not this standardizer's columns in
     *                                  the same order
     */
    public Dataset transform(Dataset data) {
        if (!data.featureNames().equals(columns)) {
            throw new InvalidArgumentException("Standardizer: fitted on columns " + columns
                    + " but the data has columns " + data.featureNames());
        }
        return data.withFeatures(transform(data.featuresView()));
    }

    /** Standardizes row-major {@code features} of {@code columns().size()} columns into a new array. */
    public float[] transform(float[] features) {
        int width = columns.size();
        if (features.length % width != 0) {
            throw new InvalidArgumentException("Standardizer: " + features.length + " values do not divide into rows"
                    + " of " + width + " columns");
        }
        float[] out = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            int c = i % width;
            out[i] = (float) ((features[i] - mean[c]) / scale[c]);
        }
        return out;
    }

    /** The three metadata entries that store this standardizer in a model file. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new TreeMap<>();
        m.put(COLUMNS_KEY, MetadataValues.encodeStrings(columns));
        m.put(MEAN_KEY, MetadataValues.encodeDoubles(mean));
        m.put(SCALE_KEY, MetadataValues.encodeDoubles(scale));
        return m;
    }

    /** Whether {@code metadata} holds a standardizer (a model trained without standardization has none). */
    public static boolean isPresentIn(Map<String, String> metadata) {
        return metadata.containsKey(MEAN_KEY) || metadata.containsKey(SCALE_KEY) || metadata.containsKey(COLUMNS_KEY);
    }

    /**
     * The standardizer stored in {@code metadata}.
     *
     * @throws ModelFormatException naming the entry if one is missing or malformed
     */
    public static Standardizer fromMetadata(Map<String, String> metadata) {
        return fromMetadata(metadata, Integer.MAX_VALUE - 1);
    }

    /**
     * The standardizer stored in {@code metadata}, whose three arrays must each hold exactly {@code columns}
     * elements (the model's feature count); parsing stops past that count, so a huge array costs nothing.
     *
     * @throws ModelFormatException naming the entry if one is missing, malformed or of another length
     */
    public static Standardizer fromMetadata(Map<String, String> metadata, int columns) {
        List<String> names = MetadataValues.decodeStrings(MetadataValues.require(metadata, COLUMNS_KEY), COLUMNS_KEY,
                columns);
        double[] mean = MetadataValues.decodeDoubles(MetadataValues.require(metadata, MEAN_KEY), MEAN_KEY, columns);
        double[] scale = MetadataValues.decodeDoubles(MetadataValues.require(metadata, SCALE_KEY), SCALE_KEY,
                columns);
        try {
            return of(names, mean, scale);
        } catch (InvalidArgumentException e) {
            throw new ModelFormatException("metadata: invalid standardization: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Standardizer" + columns;
    }
}
