package com.example.fitline;

import dev.descent.Backends;
import dev.descent.Device;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * Fits {@code y = 3x + 1 + noise} by full-batch gradient descent on whatever device descent chooses
 * ({@link Device#best()}). Which one is decided by the jars on the class path or module path (or
 * {@code -Ddescent.backend}), not by this code.
 * {@code --describe} prints the environment report first.
 */
public final class FitLine {
    private FitLine() {
    }

    /**
     * Trains and prints the backend and the learned line.
     *
     * @param args {@code --describe} to print {@link Backends#describe()} first
     */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--describe")) {
            System.out.println(Backends.describe());
        }
        Device device = Device.best();
        SeededRandom random = new SeededRandom(42);
        int n = 200;
        Tensor x = Tensor.rand(device, random, n, 1);
        Tensor noise = Tensor.uniform(device, random, -0.1f, 0.1f, n, 1);
        Tensor y = x.mul(3f).add(1f).add(noise);

        Tensor weight = Tensor.zeros(device, 1, 1);
        Tensor bias = Tensor.zeros(device, 1);
        float lr = 0.5f;
        for (int step = 0; step < 2000; step++) {
            Tensor error = x.matmul(weight).add(bias).sub(y);            // prediction - target, [n, 1]
            Tensor gradWeight = x.matmul(error, true, false).mul(2f / n); // (2/n) X^T error
            Tensor gradBias = error.sum(0).mul(2f / n);                   // (2/n) sum(error)
            weight.addInPlace(gradWeight, -lr);
            bias.addInPlace(gradBias, -lr);
        }
        float loss = x.matmul(weight).add(bias).sub(y).square().mean().item();
        System.out.println("backend: " + device.name());
        System.out.printf(Locale.ROOT, "learned: weight %.4f bias %.4f (mse %.6f)%n", weight.item(), bias.item(),
                loss);
    }
}
