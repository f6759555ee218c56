package dev.descent.tensor;

import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first, stored densely in row-major order. Immutable and thread-safe.
 * A rank-0 shape ({@code []}) is a scalar with one element; a dimension of 0 makes an empty tensor.
 * Sizes are limited to {@link Integer#MAX_VALUE} elements.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ShapeMismatchException("shape " + Arrays.toString(dims) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        this.size = (int) n;
    }

    /** A shape with the given dimensions; each must be >= 0. */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new InvalidArgumentException("shape " + Arrays.toString(dims) + ": dimension " + i
                        + " is negative (" + dims[i] + "); dimensions must be >= 0");
            }
        }
        return new Shape(dims.clone());
    }

    /** The rank-0 shape of a scalar. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        return size;
    }

    /** The length of {@code axis}; negative axes count from the end as in NumPy. */
    public int dim(int axis) {
        return dims[axis(axis, "dim")];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Row-major element strides of a dense tensor of this shape. */
    public int[] strides() {
        int[] strides = new int[dims.length];
        int s = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= dims[d];
        }
        return strides;
    }

    /**
     * Normalises {@code axis} (negative counts from the end) and checks it, naming {@code operation} and the
     * valid range in the error.
     */
    public int axis(int axis, String operation) {
        int rank = dims.length;
        if (axis < -rank || axis >= rank) {
            throw new IndexOutOfRangeException(operation + ": axis " + axis + " out of range for shape " + this
                    + " (valid: " + (rank == 0 ? "none, the tensor is a scalar" : -rank + ".." + (rank - 1)) + ")");
        }
        return axis < 0 ? axis + rank : axis;
    }

    /** Product of the dimensions before {@code axis}. */
    int outer(int axis) {
        int n = 1;
        for (int d = 0; d < axis; d++) {
            n *= dims[d];
        }
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    int inner(int axis) {
        int n = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            n *= dims[d];
        }
        return n;
    }

    /** This shape with {@code axis} removed, or set to 1 when {@code keepDim}. */
    Shape reduce(int axis, boolean keepDim) {
        if (keepDim) {
            int[] out = dims.clone();
            out[axis] = 1;
            return new Shape(out);
        }
        int[] out = new int[dims.length - 1];
        for (int d = 0, j = 0; d < dims.length; d++) {
            if (d != axis) {
                out[j++] = dims[d];
            }
        }
        return out.length == 0 ? SCALAR : new Shape(out);
    }

    /**
     * The NumPy broadcast of two shapes: aligned at the trailing dimension, each pair equal or one of them 1.
     *
     * @throws ShapeMismatchException naming {@code operation}, both shapes and the first incompatible dimension
     */
    public static Shape broadcast(Shape a, Shape b, String operation) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.rank() ? a.dims[a.rank() - i] : 1;
            int db = i <= b.rank() ? b.dims[b.rank() - i] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(operation + ": shapes " + a + " and " + b
                        + " cannot be broadcast: dimension " + (rank - i) + " (counting the broadcast shape "
                        + "from 0) is " + da + " vs " + db + "; each pair must be equal or 1");
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return of(out);
    }

    /** Whether {@code target} can be produced from this shape by NumPy broadcasting alone. */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        for (int i = 1; i <= rank(); i++) {
            int d = dims[rank() - i];
            if (d != 1 && d != target.dims[target.rank() - i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Element strides that read this (dense) shape as if broadcast to {@code target}: 0 on broadcast
     * dimensions. Requires {@link #broadcastsTo(Shape)}.
     */
    int[] broadcastStrides(Shape target) {
        int[] own = strides();
        int[] out = new int[target.rank()];
        int offset = target.rank() - rank();
        for (int d = 0; d < rank(); d++) {
            out[d + offset] = dims[d] == 1 && target.dims[d + offset] != 1 ? 0 : own[d];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [2, 3]} */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
