package dev.descent.train;

import dev.descent.ShapeMismatchException;

/**
 * Regression scores on plain arrays, with scikit-learn's definitions ({@code sklearn.metrics}): mean squared
 * error, root mean squared error, mean absolute error and R². Computed in double. Stateless; thread-safe.
 */
public final class RegressionMetrics {
    private RegressionMetrics() {
    }

    /** {@code mean((actual - predicted)^2)}, as {@code mean_squared_error}. */
    public static double mse(float[] actual, float[] predicted) {
        check(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double r = (double) predicted[i] - actual[i];
            sum += r * r;
        }
        return sum / actual.length;
    }

    /** {@code sqrt(mse)}, as {@code root_mean_squared_error}. */
    public static double rmse(float[] actual, float[] predicted) {
        return Math.sqrt(mse(actual, predicted));
    }

    /** {@code mean(|actual - predicted|)}, as {@code mean_absolute_error}. */
    public static double mae(float[] actual, float[] predicted) {
        check(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs((double) predicted[i] - actual[i]);
        }
        return sum / actual.length;
    }

    /**
     * {@code 1 - SSE / SST}, as {@code r2_score}; for a constant target, 1 for a perfect fit and 0 otherwise
     * (scikit-learn's {@code force_finite=True}).
     */
    public static double r2(float[] actual, float[] predicted) {
        check(actual, predicted);
        double mean = 0;
        for (float t : actual) {
            mean += t;
        }
        mean /= actual.length;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < actual.length; i++) {
            double r = (double) predicted[i] - actual[i];
            sse += r * r;
            double d = actual[i] - mean;
            sst += d * d;
        }
        return sst > 0 ? 1 - sse / sst : (sse == 0 ? 1.0 : 0.0);
    }

    private static void check(float[] actual, float[] predicted) {
        if (actual.length != predicted.length || actual.length == 0) {
            throw new ShapeMismatchException("regression metrics: " + actual.length + " targets and "
                    + predicted.length + " predictions (need the same non-zero count)");
        }
    }
}
