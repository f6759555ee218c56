package dev.descent.examples;

import dev.descent.Device;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

/**
 * The classic introductory data set: {@code X} of shape {@code [n, 1]} uniform in [0, 1) and
 * {@code y = 3x + noise} with noise uniform in [0, 1), so the best line has slope about 3 and intercept about 0.5.
 * Also computes that best line exactly (ordinary least squares in double precision), which the examples are
 * checked against.
 *
 * @param x features, {@code [n, 1]}
 * @param y targets, {@code [n, 1]}
 */
public record LinearData(Tensor x, Tensor y) {

    /** The slope and intercept that minimise the mean squared error. */
    public record Line(double weight, double bias) {
        /** The mean squared error of this line on {@code data}, in double precision. */
        public double meanSquaredError(LinearData data) {
            float[] xs = data.x().toArray();
            float[] ys = data.y().toArray();
            double sum = 0;
            for (int i = 0; i < xs.length; i++) {
                double r = weight * xs[i] + bias - ys[i];
                sum += r * r;
            }
            return sum / xs.length;
        }
    }

    /** {@code n} samples drawn from {@code random} on {@code device}. */
    public static LinearData generate(Device device, SeededRandom random, int n) {
        Tensor x = Tensor.rand(device, random, n, 1);
        Tensor noise = Tensor.rand(device, random, n, 1);
        return new LinearData(x, x.mul(3f).add(noise));
    }

    public int size() {
        return x.dim(0);
    }

    /** The closed-form least-squares line, from the normal equations in double precision. */
    public Line leastSquares() {
        float[] xs = x.toArray();
        float[] ys = y.toArray();
        double n = xs.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < xs.length; i++) {
            meanX += xs[i];
            meanY += ys[i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < xs.length; i++) {
            sxy += (xs[i] - meanX) * (ys[i] - meanY);
            sxx += (xs[i] - meanX) * (xs[i] - meanX);
        }
        double w = sxy / sxx;
        return new Line(w, meanY - w * meanX);
    }
}
