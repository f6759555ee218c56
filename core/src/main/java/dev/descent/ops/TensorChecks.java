package dev.descent.ops;

import dev.descent.AutogradException;
import dev.descent.IndexOutOfRangeException;
import dev.descent.ShapeMismatchException;
import dev.descent.spi.Storage;
import dev.descent.tensor.GradFunction;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * The checks of {@link Tensor}'s own methods (wrapping a storage, gradient bookkeeping, host copies), kept here
 * beside the op families' checks so that {@code Tensor} only forwards. Each throws with the message users see.
 * Stateless.
 */
public final class TensorChecks {
    private TensorChecks() {
    }

    /** {@code Tensor.wrap}: the storage holds the shape. */
    public static void wraps(Storage storage, Shape shape) {
        if (storage.length() < shape.size()) {
            throw new ShapeMismatchException("wrap: storage of " + storage.length() + " elements is too small for shape "
                    + shape);
        }
    }

    /** {@code requiresGrad(false)} is only for leaves. */
    public static void mayStopRequiringGrad(Tensor t) {
        GradFunction f = t.gradFn();
        if (f != null) {
            throw new AutogradException("requiresGrad(false): this tensor of shape " + t.shape() + " was computed by "
                    + f.name() + "; only leaves can stop requiring a gradient; use detach() for a copy "
                    + "outside the graph");
        }
    }

    /** {@code withGradFn}: only a fresh result takes a grad function. */
    public static void mayAttach(Tensor t, GradFunction node) {
        GradFunction f = t.gradFn();
        if (f != null || t.requiresGrad()) {
            throw new AutogradException("withGradFn: " + node.name() + " can only be attached to a fresh result; "
                    + "this tensor " + (f != null ? "already comes from " + f.name()
                    : "is a leaf that requires a gradient"));
        }
    }

    /** {@code retainGrad}: only for tensors that require a gradient. */
    public static void mayRetainGrad(Tensor t) {
        if (!t.requiresGrad()) {
            throw new AutogradException("retainGrad: the tensor of shape " + t.shape()
                    + " does not require a gradient");
        }
    }

    /** {@code setGrad}: a gradient has the tensor's shape and backend (null clears). */
    public static void gradientFits(Tensor t, Tensor gradient) {
        if (gradient != null) {
            Checks.sameBackend("setGrad", t, gradient);
            if (!gradient.shape().equals(t.shape())) {
                throw new ShapeMismatchException("setGrad: gradient shape " + gradient.shape()
                        + " differs from tensor shape " + t.shape());
            }
        }
    }

    /** {@code copyTo}: copies all of {@code t}'s values into {@code dst} from {@code offset}. */
    public static void copyTo(Tensor t, float[] dst, int offset) {
        if (offset < 0 || dst.length - offset < t.size()) {
            throw new IndexOutOfRangeException("copyTo: " + t.size() + " values do not fit in an array of "
                    + dst.length + " from offset " + offset);
        }
        if (t.size() > 0) {
            Kernels.download(t.backend(), t.storage(), 0, dst, offset, t.size(), "toArray()/copyTo()");
        }
    }

    /** {@code item}: the single value of a one-element tensor. */
    public static float item(Tensor t) {
        if (t.size() != 1) {
            throw new ShapeMismatchException("item: tensor of shape " + t.shape() + " has " + t.size()
                    + " elements; item() needs exactly one");
        }
        float[] one = new float[1];
        Kernels.download(t.backend(), t.storage(), 0, one, 0, 1, "item()");
        return one[0];
    }
}
