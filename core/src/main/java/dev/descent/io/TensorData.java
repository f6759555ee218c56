package dev.descent.io;

import dev.descent.Device;
import dev.descent.ShapeMismatchException;
import dev.descent.tensor.Tensor;

import java.util.Arrays;

/**
 * One named tensor's host copy as it is stored in a file: its dimensions and its float32 values in row-major
 * order. This is the plain, framework-free form that {@link Safetensors} and {@link Checkpoint} read and write,
 * so that model parameters and optimizer buffers can be saved without the file format knowing about modules or
 * optimizers.
 *
 * <p>Invariant: {@code values.length} equals the product of {@code shape} (1 for a rank-0 shape). The record
 * keeps its own copies of both arrays and hands out copies, so instances are immutable and thread-safe.
 * Values are compared and stored bit for bit (NaN payloads and signed zeros included).
 */
public record TensorData(int[] shape, float[] values) {
    /** Copies both arrays and checks that the values fill the shape exactly. */
    public TensorData {
        shape = shape.clone();
        values = values.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeMismatchException("TensorData: shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new ShapeMismatchException("TensorData: shape " + Arrays.toString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        if (size != values.length) {
            throw new ShapeMismatchException("TensorData: shape " + Arrays.toString(shape) + " needs " + size
                    + " values, got " + values.length);
        }
    }

    /** A host copy of {@code tensor} (downloads it from its backend). */
    public static TensorData of(Tensor tensor) {
        return new TensorData(tensor.dims(), tensor.toArray());
    }

    /** A copy of the dimensions. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the values. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** Uploads the values to {@code device} as a tensor of this shape. */
    public Tensor toTensor(Device device) {
        return shape.length == 0 ? Tensor.of(device, values).reshape() : Tensor.of(device, values, shape);
    }

    /** Equal when shapes are equal and values are equal bit for bit. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TensorData that) || !Arrays.equals(shape, that.shape)
                || values.length != that.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(that.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(shape);
        for (float v : values) {
            h = 31 * h + Float.floatToRawIntBits(v);
        }
        return h;
    }

    @Override
    public String toString() {
        return "TensorData" + Arrays.toString(shape);
    }

    /** Package-private access without a defensive copy, for the writers. */
    float[] valuesView() {
        return values;
    }

    int[] shapeView() {
        return shape;
    }
}
