package dev.descent.backend.vector;

import dev.descent.spi.Storage;

/**
 * A storage on the Java heap: a {@code float[]} that the vector kernels load from and store to directly.
 * Not thread-safe by itself (see {@link Storage}).
 */
final class HeapStorage implements Storage {
    final float[] data;

    HeapStorage(float[] data) {
        this.data = data;
    }

    @Override
    public int length() {
        return data.length;
    }
}
