package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * One mini-batch on a backend: features {@code x} of shape {@code [n, columns]} and targets {@code y} of shape
 * {@code [n, 1]} (the output layout of a one-output {@code nn.Linear}), or {@code y == null} for a dataset
 * without targets (prediction). Rows of {@code x} and {@code y} correspond. Holds tensors, so it is as
 * thread-safe as they are: read freely, do not modify in place (a full batch is shared between epochs).
 */
public record Batch(Tensor x, Tensor y) {
    /** The number of rows. */
    public int size() {
        return x.dim(0);
    }
}
