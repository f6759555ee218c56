package dev.descent.spi;

/** Small facts about dense row-major layouts that graph nodes need. Stateless. */
final class Layouts {
    private Layouts() {
    }

    /** The number of elements of {@code shape} (1 for rank 0). */
    static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Whether {@code strides} walk {@code shape} densely in row-major order (strides of length-1 axes ignored). */
    static boolean isDense(int[] strides, int[] shape) {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }
}
