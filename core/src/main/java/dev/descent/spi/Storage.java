package dev.descent.spi;

/**
 * A block of float32 values owned by a backend: a heap array, an off-heap segment, or device memory.
 * {@code core} never looks inside; it only passes storages back to the backend that made them.
 * A storage is not thread-safe by itself: concurrent writes to one storage need outside coordination.
 */
public interface Storage {
    /** The number of float32 elements this storage holds. */
    int length();

    /**
     * Frees memory that the garbage collector cannot reclaim (device buffers, native segments). Heap storages
     * do nothing. Using a storage after release is undefined.
     */
    default void release() {
    }
}
