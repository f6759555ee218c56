package dev.descent.bench.train;

import dev.descent.data.Dataset;
import dev.descent.tensor.SeededRandom;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic training sets of {@code shared/peers/py/train.py}, same shapes and distributions, drawn with
 * {@link SeededRandom} (the numbers differ from NumPy's generator; the work does not).
 * <ul>
 *   <li>{@code linreg}: X ~ N(0,1) [1,000,000 x 64], w ~ N(0,1)/8, y = X·w + 0.1·N(0,1);</li>
 *   <li>{@code logreg}: the same with y = (X·w + noise > 0);</li>
 *   <li>{@code mlp}: X ~ U[0,1) [60,000 x 784], labels uniform in 0..9 (stored as float targets).</li>
 * </ul>
 */
final class TrainingData {
    static final int LINEAR_ROWS = 1_000_000;
    static final int LINEAR_FEATURES = 64;
    static final int LINEAR_BATCH = 256;
    static final int MLP_ROWS = 60_000;
    static final int MLP_FEATURES = 784;
    static final int MLP_HIDDEN = 256;
    static final int MLP_CLASSES = 10;
    static final int MLP_BATCH = 128;

    private TrainingData() {
    }

    /** The linear-regression set, or the logistic one when {@code binary}. */
    static Dataset linear(boolean binary, long seed) {
        SeededRandom random = new SeededRandom(seed);
        int n = LINEAR_ROWS;
        int d = LINEAR_FEATURES;
        float[] x = new float[n * d];
        random.fillGaussian(x);
        float[] w = new float[d];
        random.fillGaussian(w);
        for (int j = 0; j < d; j++) {
            w[j] /= 8f;
        }
        float[] noise = new float[n];
        random.fillGaussian(noise);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            float s = 0f;
            for (int j = 0; j < d; j++) {
                s += x[i * d + j] * w[j];
            }
            s += 0.1f * noise[i];
            y[i] = binary ? (s > 0 ? 1f : 0f) : s;
        }
        return Dataset.of(x, names(d), y, "y");
    }

    /** The MLP set: uniform features, labels 0..9 as float targets. */
    static Dataset mlp(long seed) {
        SeededRandom random = new SeededRandom(seed);
        float[] x = new float[MLP_ROWS * MLP_FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        float[] labels = new float[MLP_ROWS];
        for (int i = 0; i < MLP_ROWS; i++) {
            labels[i] = random.nextInt(MLP_CLASSES);
        }
        return Dataset.of(x, names(MLP_FEATURES), labels, "label");
    }

    private static List<String> names(int columns) {
        List<String> names = new ArrayList<>(columns);
        for (int j = 0; j < columns; j++) {
            names.add("x" + j);
        }
        return names;
    }
}
