package dev.descent.examples;

import dev.descent.Device;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

/**
 * Generated two-dimensional classification data: points {@code x} of shape {@code [n, 2]} and one integer
 * label per point. Drawn on the host from a {@link SeededRandom}, so a seed gives the same points on every
 * device.
 *
 * @param x      the points, {@code [n, 2]}
 * @param labels the class of each point, 0 or 1
 */
public record ClassificationData(Tensor x, int[] labels) {

    /**
     * scikit-learn's {@code make_moons}: two interleaving half circles, the upper one (class 0) centred at the
     * origin and the lower one (class 1) shifted to (1, 0.5) and flipped, with Gaussian noise of standard
     * deviation {@code noise} added to each coordinate. Classes alternate, {@code n/2} each (rounded).
     * Not linearly separable: a linear model reaches about 87%, an MLP nearly 100% at low noise.
     */
    public static ClassificationData twoMoons(Device device, SeededRandom random, int n, double noise) {
        float[] points = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * random.nextDouble();
            int label = i % 2;
            double px = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double py = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            points[2 * i] = (float) (px + noise * random.nextGaussian());
            points[2 * i + 1] = (float) (py + noise * random.nextGaussian());
            labels[i] = label;
        }
        return new ClassificationData(Tensor.of(device, points, n, 2), labels);
    }

    /**
     * Two Gaussian clusters of unit standard deviation centred at {@code -(1, 1)} (class 0) and {@code (1, 1)}
     * (class 1), alternating. The best possible classifier is the line {@code x0 + x1 = 0}, with an expected
     * accuracy of {@code Phi(sqrt 2)}, about 92%.
     */
    public static ClassificationData blobs(Device device, SeededRandom random, int n) {
        float[] points = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double centre = label == 0 ? -1 : 1;
            points[2 * i] = (float) (centre + random.nextGaussian());
            points[2 * i + 1] = (float) (centre + random.nextGaussian());
            labels[i] = label;
        }
        return new ClassificationData(Tensor.of(device, points, n, 2), labels);
    }

    public int size() {
        return labels.length;
    }

    /** The labels as a float column {@code [n, 1]} of 0s and 1s, the target of a binary cross-entropy. */
    public Tensor labelColumn() {
        float[] column = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            column[i] = labels[i];
        }
        return Tensor.of(x.backend(), column, labels.length, 1);
    }

    /** The fraction of {@code predicted} labels that equal the true ones. */
    public double accuracy(int[] predicted) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
