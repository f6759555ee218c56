package dev.descent.backend.scalar;

import dev.descent.spi.Storage;

/** A storage backed by a plain heap array; the garbage collector reclaims it. */
record HeapStorage(float[] data) implements Storage {
    @Override
    public int length() {
        return data.length;
    }
}
