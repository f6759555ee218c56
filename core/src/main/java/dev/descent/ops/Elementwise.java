package dev.descent.ops;

import dev.descent.ShapeMismatchException;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.UnaryOp;

import java.util.Locale;

/**
 * The elementwise op family: unary maps with scalar parameters ({@link UnaryOp}), broadcasting binary ops
 * ({@link BinaryOp}), and their in-place forms. Shape rule: a unary result has its input's shape; a binary
 * result has the NumPy broadcast of both shapes; an in-place result keeps the left operand's shape. Kernels:
 * {@code Backend.unary}, {@code binary}, {@code axpy}, {@code fill}, {@code copyStrided}. Gradients:
 * {@link UnaryBackward} and {@link BinaryBackward}; in-place forms are never recorded.
 */
public final class Elementwise {
    private static final int[] UNIT = {1};

    private Elementwise() {
    }

    /** {@code op} applied to every element of {@code x}, with scalar parameters {@code a} and {@code b}. */
    public static Tensor map(Tensor x, UnaryOp op, float a, float b) {
        Tensor out = Results.zeros(x.backend(), x.shape());
        if (x.size() > 0) {
            Kernels.unary(x.backend(), op, x.storage(), out.storage(), x.size(), a, b);
        }
        return Checks.recording(x) ? Checks.record(out, UnaryBackward.of(op, a, b, x, out)) : out;
    }

    /** {@code op(x, y)} with NumPy broadcasting. */
    public static Tensor apply(Tensor x, BinaryOp op, Tensor y) {
        String operation = op.name().toLowerCase(Locale.ROOT);
        Checks.sameBackend(operation, x, y);
        Shape outShape = Shape.broadcast(x.shape(), y.shape(), operation);
        Tensor out = Results.zeros(x.backend(), outShape);
        if (outShape.size() > 0) {
            BroadcastLayout layout = BroadcastLayout.of(x.shape(), y.shape(), outShape);
            Kernels.binary(x.backend(), op, x.storage(), layout.xStrides(), y.storage(), layout.yStrides(),
                    out.storage(), layout.shape());
        }
        return Checks.recording(x, y) ? Checks.record(out, BinaryBackward.of(op, x, y, out)) : out;
    }

    /** {@code target = op(target, other)} for an {@code other} that broadcasts to it; returns {@code target}. */
    public static Tensor applyInPlace(String operation, Tensor target, BinaryOp op, Tensor other) {
        Checks.inPlace(operation, target);
        Checks.sameBackend(operation, target, other);
        if (!other.shape().broadcastsTo(target.shape())) {
            throw new ShapeMismatchException(operation + ": shape " + other.shape() + " does not broadcast to "
                    + target.shape() + " (an in-place result keeps the left operand's shape)");
        }
        if (target.size() > 0) {
            BroadcastLayout layout = BroadcastLayout.of(target.shape(), other.shape(), target.shape());
            Kernels.binary(target.backend(), op, target.storage(), layout.xStrides(), other.storage(),
                    layout.yStrides(), target.storage(), layout.shape());
        }
        return target;
    }

    /** {@code target += alpha * other} (same shape); returns {@code target}. */
    public static Tensor addInPlace(Tensor target, Tensor other, float alpha) {
        Checks.inPlace("addInPlace", target);
        Checks.sameBackend("addInPlace", target, other);
        if (!other.shape().equals(target.shape())) {
            throw new ShapeMismatchException("addInPlace: shapes " + target.shape() + " and " + other.shape()
                    + " differ");
        }
        if (other.storage() == target.storage()) {
            return mulInPlace(target, 1f + alpha);
        }
        if (target.size() > 0) {
            Kernels.axpy(target.backend(), alpha, other.storage(), target.storage(), target.size());
        }
        return target;
    }

    /** {@code target *= factor}; returns {@code target}. */
    public static Tensor mulInPlace(Tensor target, float factor) {
        Checks.inPlace("mulInPlace", target);
        if (target.size() > 0) {
            Kernels.unary(target.backend(), UnaryOp.MULTIPLY, target.storage(), target.storage(), target.size(),
                    factor, 0f);
        }
        return target;
    }

    /** Sets every element of {@code target} to {@code value}; returns {@code target}. */
    public static Tensor fill(Tensor target, float value) {
        Checks.inPlace("fill", target);
        if (target.size() > 0) {
            Kernels.fill(target.backend(), target.storage(), 0, target.size(), value);
        }
        return target;
    }

    /** Overwrites {@code target}'s values with {@code source}'s (same shape, same backend); returns target. */
    public static Tensor copyFrom(Tensor target, Tensor source) {
        Checks.inPlace("copyFrom", target);
        Checks.sameBackend("copyFrom", target, source);
        if (!source.shape().equals(target.shape())) {
            throw new ShapeMismatchException("copyFrom: source shape " + source.shape() + " differs from "
                    + target.shape());
        }
        if (target.size() > 0 && source.storage() != target.storage()) {
            Kernels.copyStrided(target.backend(), source.storage(), 0, UNIT, target.storage(), 0, UNIT,
                    new int[] {target.size()});
        }
        return target;
    }

    /** Overwrites {@code target}'s values from a host array of exactly its size; returns {@code target}. */
    public static Tensor copyFrom(Tensor target, float[] values) {
        Checks.inPlace("copyFrom", target);
        if (values.length != target.size()) {
            throw new ShapeMismatchException("copyFrom: " + values.length + " values for shape " + target.shape());
        }
        if (target.size() > 0) {
            Kernels.write(target.backend(), values, 0, target.storage(), 0, target.size(), "copyFrom(float[])");
        }
        return target;
    }
}
