package dev.descent.data;

import dev.descent.InvalidArgumentException;
import dev.descent.io.MetadataValues;
import dev.descent.io.ModelFormatException;

import java.util.Map;
import java.util.TreeMap;

/**
 * Z-score standardization of a regression target, {@code z = (y - mean) / scale}, fitted on the training set
 * and saved with the model so that predictions come back in the target's original units
 * ({@code y = z * scale + mean}). The statistics follow {@link Standardizer}: the mean and the population
 * standard deviation (divided by n) in double precision, scale 1 for a constant target.
 *
 * <p>In a model file: {@value #MEAN_KEY} and {@value #SCALE_KEY}, each one number in Java's shortest exact
 * decimal form. Immutable and thread-safe.
 *
 * @param mean  the training targets' mean
 * @param scale their population standard deviation (1 when it is 0)
 */
public record TargetStandardizer(double mean, double scale) {
    /** Metadata key of the target's mean. */
    public static final String MEAN_KEY = "target_standardization.mean";
    /** Metadata key of the target's scale. */
    public static final String SCALE_KEY = "target_standardization.scale";

    /** Checks the statistics. @throws InvalidArgumentException unless mean is finite and scale finite and > 0 */
    public TargetStandardizer {
        if (!Double.isFinite(mean) || !Double.isFinite(scale) || scale <= 0) {
            throw new InvalidArgumentException("TargetStandardizer: need a finite mean and a finite positive scale,"
                    + " got mean " + mean + " and scale " + scale);
        }
    }

    /** Fits the mean and population standard deviation of {@code training}'s targets. */
    public static TargetStandardizer fit(Dataset training) {
        float[] y = training.targetsView();
        if (y == null || y.length == 0) {
            throw new InvalidArgumentException("TargetStandardizer.fit: the dataset has no targets");
        }
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean /= y.length;
        double variance = 0;
        for (float v : y) {
            double d = v - mean;
            variance += d * d;
        }
        double std = Math.sqrt(variance / y.length);
        return new TargetStandardizer(mean, std == 0 ? 1 : std);
    }

    /** {@code data} with its targets standardized (features unchanged). */
    public Dataset transform(Dataset data) {
        float[] y = data.targetsView();
        if (y == null) {
            throw new InvalidArgumentException("TargetStandardizer: the dataset has no targets");
        }
        float[] z = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = (float) ((y[i] - mean) / scale);
        }
        return data.withTargets(z);
    }

    /** A standardized value back in the target's units: {@code z * scale + mean}, in double. */
    public double inverse(double z) {
        return z * scale + mean;
    }

    /** The two metadata entries that store this transform in a model file. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new TreeMap<>();
        m.put(MEAN_KEY, Double.toString(mean));
        m.put(SCALE_KEY, Double.toString(scale));
        return m;
    }

    /** Whether {@code metadata} holds a target standardization. */
    public static boolean isPresentIn(Map<String, String> metadata) {
        return metadata.containsKey(MEAN_KEY) || metadata.containsKey(SCALE_KEY);
    }

    /**
     * The transform stored in {@code metadata}.
     *
     * @throws ModelFormatException naming the entry if one is missing or malformed
     */
    public static TargetStandardizer fromMetadata(Map<String, String> metadata) {
        double mean = number(metadata, MEAN_KEY);
        double scale = number(metadata, SCALE_KEY);
        try {
            return new TargetStandardizer(mean, scale);
        } catch (InvalidArgumentException e) {
            throw new ModelFormatException("metadata: invalid target standardization: " + e.getMessage(), e);
        }
    }

    private static double number(Map<String, String> metadata, String key) {
        String text = MetadataValues.require(metadata, key);
        if (text.length() > 40) {
            throw new ModelFormatException("metadata entry \"" + key + "\": more than 40 characters for one number");
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ModelFormatException("metadata entry \"" + key + "\": '" + text + "' is not a number");
        }
    }
}
