package dev.descent.examples;

import dev.descent.Device;
import dev.descent.tensor.Tensor;

/**
 * A one-feature linear model {@code y = x·w + b} with its mean-squared-error gradients written by hand with
 * the tensor API. The three errors of the usual NumPy snippet are avoided on purpose: the weight gradient is
 * a matrix product {@code X^T·err} (not a broadcast {@code X.T * err}), it carries the {@code 1/n} of the mean,
 * and the model has a bias.
 */
final class LinearModel {
    final Tensor weight;
    final Tensor bias;

    LinearModel(Device device) {
        this.weight = Tensor.zeros(device, 1, 1);
        this.bias = Tensor.zeros(device, 1);
    }

    Tensor predict(Tensor x) {
        return x.matmul(weight).add(bias);
    }

    /** Mean squared error on {@code (x, y)}, read back to the host. */
    float loss(Tensor x, Tensor y) {
        return predict(x).sub(y).square().mean().item();
    }

    /**
     * One gradient-descent step on the batch {@code (x, y)} for {@code loss = mean((x·w + b - y)^2)}:
     * {@code dL/dw = (2/n)·X^T·(pred - y)}, {@code dL/db = (2/n)·sum(pred - y)}.
     */
    void step(Tensor x, Tensor y, float learningRate) {
        int n = x.dim(0);
        Tensor error = predict(x).sub(y);
        Tensor gradWeight = x.matmul(error, true, false).mul(2f / n);
        Tensor gradBias = error.sum(0).mul(2f / n);
        weight.addInPlace(gradWeight, -learningRate);
        bias.addInPlace(gradBias, -learningRate);
    }

    double weightValue() {
        return weight.item();
    }

    double biasValue() {
        return bias.item();
    }
}
