package dev.descent.conformance;

import dev.descent.tensor.SeededRandom;

/**
 * A small least-squares problem for full-batch optimizer trajectories: {@code rows} samples of {@code features}
 * Gaussian features, a target {@code X·w + offset} plus a little noise, and one parameter vector holding the
 * weights followed by the bias. The gradient of the mean squared error is computed in float32 for float32
 * parameters and in float64 for float64 ones, each in one fixed order, so two float32 runs with equal parameters
 * get equal gradients.
 */
final class Regression {
    private final int rows;
    private final int features;
    private final float[] x;
    private final float[] y;

    Regression(int rows, int features, float offset) {
        this.rows = rows;
        this.features = features;
        SeededRandom random = new SeededRandom(77);
        x = new float[rows * features];
        y = new float[rows];
        float[] weights = new float[features];
        for (int j = 0; j < features; j++) {
            weights[j] = (float) random.nextGaussian() * 0.5f;
        }
        for (int r = 0; r < rows; r++) {
            double target = offset + 0.1 * random.nextGaussian();
            for (int j = 0; j < features; j++) {
                x[r * features + j] = (float) random.nextGaussian();
                target += x[r * features + j] * weights[j];
            }
            y[r] = (float) target;
        }
    }

    /** Weights and bias. */
    int parameters() {
        return features + 1;
    }

    /** The gradient of {@code mean((X·w + b − y)²)} in float32. */
    float[] gradient(float[] theta) {
        float[] g = new float[features + 1];
        float scale = 2f / rows;
        for (int r = 0; r < rows; r++) {
            float prediction = theta[features];
            for (int j = 0; j < features; j++) {
                prediction += x[r * features + j] * theta[j];
            }
            float residual = (prediction - y[r]) * scale;
            for (int j = 0; j < features; j++) {
                g[j] += x[r * features + j] * residual;
            }
            g[features] += residual;
        }
        return g;
    }

    /** The gradient of {@code mean((X·w + b − y)²)} in float64. */
    double[] gradient(double[] theta) {
        double[] g = new double[features + 1];
        double scale = 2.0 / rows;
        for (int r = 0; r < rows; r++) {
            double residual = (prediction(theta, r) - y[r]) * scale;
            for (int j = 0; j < features; j++) {
                g[j] += x[r * features + j] * residual;
            }
            g[features] += residual;
        }
        return g;
    }

    /** The mean squared error, in float64. */
    double loss(double[] theta) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double residual = prediction(theta, r) - y[r];
            sum += residual * residual;
        }
        return sum / rows;
    }

    private double prediction(double[] theta, int r) {
        double prediction = theta[features];
        for (int j = 0; j < features; j++) {
            prediction += x[r * features + j] * theta[j];
        }
        return prediction;
    }
}
