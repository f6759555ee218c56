package dev.descent.spi;

/**
 * Helpers that walk strided and broadcast layouts row by row, so that a backend only writes 1-D inner loops.
 * The last dimension of a shape is the "row"; callbacks receive the starting offsets of each row.
 * Stateless and thread-safe.
 */
public final class StridedLoops {
    private StridedLoops() {
    }

    /** Receives the start offsets of one row in x, y and the dense output. */
    @FunctionalInterface
    public interface BinaryRow {
        /** Processes the row starting at these offsets. */
        void row(int xOffset, int yOffset, int outOffset);
    }

    /** Receives the start offsets of one row in the source and destination. */
    @FunctionalInterface
    public interface CopyRow {
        /** Copies the row starting at these offsets. */
        void row(int srcOffset, int dstOffset);
    }

    /**
     * Calls {@code body} once per row of a broadcasting binary op over a dense output of {@code shape}
     * (rank >= 1); rows have length {@code shape[rank-1]} and the callee steps x and y by their last strides.
     */
    public static void forEachRow(int[] shape, int[] xStrides, int[] yStrides, BinaryRow body) {
        int rank = shape.length;
        int rowLength = shape[rank - 1];
        int rows = 1;
        for (int d = 0; d < rank - 1; d++) {
            rows *= shape[d];
        }
        if (rows == 0 || rowLength == 0) {
            return;
        }
        int[] index = new int[rank];
        int xOffset = 0;
        int yOffset = 0;
        for (int r = 0; r < rows; r++) {
            body.row(xOffset, yOffset, r * rowLength);
            for (int d = rank - 2; d >= 0; d--) {
                index[d]++;
                xOffset += xStrides[d];
                yOffset += yStrides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                xOffset -= xStrides[d] * shape[d];
                yOffset -= yStrides[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    /** Calls {@code body} once per row of a strided copy of {@code shape} (rank >= 1). */
    public static void forEachRow(int[] shape, int srcOffset, int[] srcStrides, int dstOffset, int[] dstStrides,
                                  CopyRow body) {
        int rank = shape.length;
        int rows = 1;
        for (int d = 0; d < rank - 1; d++) {
            rows *= shape[d];
        }
        if (rows == 0 || shape[rank - 1] == 0) {
            return;
        }
        int[] index = new int[rank];
        int s = srcOffset;
        int t = dstOffset;
        for (int r = 0; r < rows; r++) {
            body.row(s, t);
            for (int d = rank - 2; d >= 0; d--) {
                index[d]++;
                s += srcStrides[d];
                t += dstStrides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                s -= srcStrides[d] * shape[d];
                t -= dstStrides[d] * shape[d];
                index[d] = 0;
            }
        }
    }
}
