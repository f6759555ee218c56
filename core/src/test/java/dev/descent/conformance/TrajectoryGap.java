package dev.descent.conformance;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The largest absolute difference from a float64 reference seen so far, per named quantity (a parameter, a state
 * buffer, the loss), over a whole trajectory. The optimizer suite keeps one for an independent float32
 * implementation and one for the backend, then requires the backend's to be at most ten times the float32 one.
 */
final class TrajectoryGap {
    /** How many times the float32 implementation's gap a backend may be off. */
    static final double ALLOWANCE = 10;

    private final Map<String, Double> largest = new TreeMap<>();
    private final Map<String, Double> magnitude = new TreeMap<>();

    void record(String quantity, float[] actual, double[] reference) {
        double gap = largest.getOrDefault(quantity, 0.0);
        double size = magnitude.getOrDefault(quantity, 0.0);
        for (int i = 0; i < reference.length; i++) {
            gap = Math.max(gap, Math.abs(actual[i] - reference[i]));
            if (Double.isNaN(actual[i])) {
                gap = Double.POSITIVE_INFINITY;
            }
            size = Math.max(size, Math.abs(reference[i]));
        }
        largest.put(quantity, gap);
        magnitude.put(quantity, size);
    }

    void record(String quantity, double actual, double reference) {
        record(quantity, new float[] {(float) actual}, new double[] {reference});
    }

    double gap(String quantity) {
        return largest.getOrDefault(quantity, 0.0);
    }

    /**
     * The bound on a backend's gap for {@code quantity}: ten times this (float32) gap, or ten float32 ulps of the
     * quantity's largest reference magnitude where the float32 gap happens to be smaller than one ulp.
     */
    double bound(String quantity) {
        double floor = Math.ulp((float) magnitude.getOrDefault(quantity, 0.0).doubleValue());
        return ALLOWANCE * Math.max(gap(quantity), floor);
    }

    /** Empty when every quantity of {@code backend} is within {@link #bound}; else one line per violation. */
    String violations(TrajectoryGap backend) {
        StringBuilder out = new StringBuilder();
        for (String quantity : largest.keySet()) {
            double got = backend.gap(quantity);
            if (!(got <= bound(quantity))) {
                out.append(String.format(Locale.ROOT,
                        "%n  %s: the backend is %.3g from float64, more than %.0fx the float32 gap %.3g (bound %.3g)",
                        quantity, got, ALLOWANCE, gap(quantity), bound(quantity)));
            }
        }
        for (String quantity : backend.largest.keySet()) {
            if (!largest.containsKey(quantity)) {
                out.append(System.lineSeparator()).append("  ").append(quantity).append(": not produced by the float32 implementation");
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String quantity : largest.keySet()) {
            out.append(String.format(Locale.ROOT, " %s %.3g", quantity, gap(quantity)));
        }
        return out.toString().trim();
    }
}
