package dev.descent.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures measured on one data set: the objective's loss and its task's metrics ({@code mse} and {@code r2} for
 * regression, {@code accuracy} for classification), in a stable order.
 *
 * @param values metric name to value, insertion-ordered, {@code loss} first
 */
public record Metrics(Map<String, Double> values) {
    public Metrics {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new dev.descent.InvalidArgumentException("metric '" + name + "' is not measured; available: "
                    + values.keySet());
        }
        return v;
    }

    public double loss() {
        return get("loss");
    }
}
