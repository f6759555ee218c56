package dev.descent.compile;

import dev.descent.ShapeMismatchException;
import dev.descent.ops.Checks;
import dev.descent.ops.Kernels;
import dev.descent.spi.Backend;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * The input buffers of one plan and the copies that fill them per batch. A batch given as tensors is copied in
 * (one contiguous copy each); a batch given as rows of a data set already on the device is copied straight from
 * the data set's storage: one contiguous copy for consecutive rows, one row gather for a shuffled order. Every
 * array the copies need is made once here, so staging allocates nothing. Not thread-safe.
 */
final class PlanInputs {
    private static final int[] UNIT = {1};

    private final Backend backend;
    private final Tensor x;
    private final Tensor y;
    private final int[] xLength;
    private final int[] yLength;
    private final int[] rowIndices;

    PlanInputs(Backend backend, Shape xShape, Shape yShape) {
        this.backend = backend;
        this.x = Tensor.zeros(backend, xShape.dims());
        this.y = Tensor.zeros(backend, yShape.dims());
        this.xLength = new int[] {xShape.size()};
        this.yLength = new int[] {yShape.size()};
        this.rowIndices = new int[xShape.rank() == 0 ? 0 : xShape.dim(0)];
    }

    Tensor x() {
        return x;
    }

    Tensor y() {
        return y;
    }

    /** Copies {@code batchX} and {@code batchY} (shapes equal to the plan's) into the input buffers. */
    void copyFrom(Tensor batchX, Tensor batchY) {
        copy(batchX, x, xLength);
        copy(batchY, y, yLength);
    }

    private void copy(Tensor source, Tensor target, int[] length) {
        Checks.sameBackend("compiled step", target, source);
        if (!source.shape().equals(target.shape())) {
            throw new ShapeMismatchException("compiled step: input of shape " + source.shape()
                    + " for a plan of shape " + target.shape());
        }
        if (length[0] > 0 && source.storage() != target.storage()) {
            Kernels.copyStrided(backend, source.storage(), 0, UNIT, target.storage(), 0, UNIT, length);
        }
    }

    /** Checks that rows of {@code features} and {@code targets} may be read by this plan (same backend). */
    void checkRows(Tensor features, Tensor targets) {
        Checks.sameBackend("compiled step", x, features);
        Checks.sameBackend("compiled step", y, targets);
    }

    /** Fills the target buffer with the consecutive rows {@code start..} of {@code targets}. */
    void targetRowsFrom(Tensor targets, int start) {
        rows(targets, y, yLength, null, start);
    }

    /** Fills the buffers with rows {@code start..} of the data set, in {@code order} when non-null. */
    void rowsFrom(Tensor features, Tensor targets, int[] order, int start) {
        Checks.sameBackend("compiled step", x, features);
        Checks.sameBackend("compiled step", y, targets);
        rows(features, x, xLength, order, start);
        rows(targets, y, yLength, order, start);
    }

    private void rows(Tensor data, Tensor target, int[] length, int[] order, int start) {
        int rowLength = target.shape().inner(0);
        if (length[0] == 0) {
            return;
        }
        if (order == null) {
            Kernels.copyStrided(backend, data.storage(), start * rowLength, UNIT, target.storage(), 0, UNIT, length);
        } else {
            System.arraycopy(order, start, rowIndices, 0, rowIndices.length);
            Kernels.gatherRows(backend, data.storage(), rowLength, rowIndices, target.storage());
        }
    }
}
