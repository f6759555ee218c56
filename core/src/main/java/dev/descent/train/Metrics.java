package dev.descent.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures measured on one data set: the objective's loss and its task's metrics, in a stable order, and for
 * classification the confusion matrix. Regression: {@code loss}, {@code mse}, {@code r2}, {@code mae},
 * {@code rmse}; classification: {@code loss}, {@code accuracy}, {@code precision}, {@code recall}, {@code f1}
 * (macro averages), {@code log_loss}, and for binary {@code roc_auc} (definitions: {@link RegressionMetrics},
 * {@link ClassificationMetrics}). Immutable and thread-safe.
 *
 * @param values          metric name to value, insertion-ordered, {@code loss} first
 * @param confusionMatrix counts {@code [true class][predicted class]} for classification, else null
 */
public record Metrics(Map<String, Double> values, long[][] confusionMatrix) {
    /** Copies both. */
    public Metrics {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        confusionMatrix = copy(confusionMatrix);
    }

    /** Metrics without a confusion matrix. */
    public Metrics(Map<String, Double> values) {
        this(values, null);
    }

    /** A copy of the confusion matrix, or null for regression. */
    @Override
    public long[][] confusionMatrix() {
        return copy(confusionMatrix);
    }

    private static long[][] copy(long[][] m) {
        if (m == null) {
            return null;
        }
        long[][] c = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** The value of metric {@code name}. @throws dev.descent.InvalidArgumentException naming those measured */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new dev.descent.InvalidArgumentException("metric '" + name + "' is not measured; available: "
                    + values.keySet());
        }
        return v;
    }

    /** The objective's loss. */
    public double loss() {
        return get("loss");
    }

    /** Equal when the values and the matrices are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Metrics m && values.equals(m.values)
                && java.util.Arrays.deepEquals(confusionMatrix, m.confusionMatrix);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + java.util.Arrays.deepHashCode(confusionMatrix);
    }

    @Override
    public String toString() {
        return "Metrics" + values + (confusionMatrix == null ? "" : " confusion "
                + java.util.Arrays.deepToString(confusionMatrix));
    }
}
