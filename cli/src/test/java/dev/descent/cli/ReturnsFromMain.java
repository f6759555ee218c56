package dev.descent.cli;

import dev.descent.Device;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

/**
 * A program that uses a backend's worker threads and returns from {@code main} without closing it: the JVM must
 * exit (run by {@link DeterminismTest}).
 */
final class ReturnsFromMain {
    private ReturnsFromMain() {
    }

    public static void main(String[] args) {
        Device backend = Device.named(args[0]);
        Tensor a = Tensor.rand(backend, new SeededRandom(1), 512, 512);
        float sum = a.matmul(a).tanh().sum().item();
        System.out.println("computed on " + backend.name() + ": " + sum);
    }
}
