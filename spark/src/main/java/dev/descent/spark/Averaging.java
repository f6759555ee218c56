package dev.descent.spark;

import java.util.List;

/** Weighted averages of partitions' float32 arrays, in a fixed order so that the result does not vary. */
final class Averaging {
    private Averaging() {
    }

    /**
     * {@code sum_p weights[p] * arrays[p]}, element by element, accumulated in double in list order and rounded
     * to float32 once.
     */
    static float[][] weighted(List<float[][]> arrays, List<Double> weights) {
        float[][] first = arrays.getFirst();
        float[][] out = new float[first.length][];
        for (int k = 0; k < first.length; k++) {
            double[] acc = new double[first[k].length];
            for (int p = 0; p < arrays.size(); p++) {
                float[] v = arrays.get(p)[k];
                double w = weights.get(p);
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += w * v[i];
                }
            }
            float[] rounded = new float[acc.length];
            for (int i = 0; i < acc.length; i++) {
                rounded[i] = (float) acc[i];
            }
            out[k] = rounded;
        }
        return out;
    }
}
