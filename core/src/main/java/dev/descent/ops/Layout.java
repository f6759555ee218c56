package dev.descent.ops;

import dev.descent.Device;
import dev.descent.ShapeMismatchException;
import dev.descent.spi.Backend;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

import java.util.Arrays;

/**
 * The layout op family, which moves values without combining them: {@code reshape} (a view sharing storage),
 * {@code permute}/{@code transpose}, {@code broadcastTo}, {@code copy} and {@code to(backend)} (copies).
 * Kernels: {@code Backend.copyStrided} (and a host round trip for {@code to}). Gradients:
 * {@link LayoutBackward}.
 */
public final class Layout {
    private static final int[] UNIT = {1};

    private Layout() {
    }

    /** The same values with new dimensions, sharing storage; one dimension may be -1 and is then inferred. */
    public static Tensor reshape(Tensor x, int... dims) {
        int[] target = dims.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (inferred >= 0) {
                    throw new ShapeMismatchException("reshape: " + x.shape() + " to " + Arrays.toString(dims)
                            + ": only one dimension may be -1");
                }
                inferred = i;
            } else if (target[i] < 0) {
                throw new ShapeMismatchException("reshape: " + x.shape() + " to " + Arrays.toString(dims)
                        + ": dimension " + i + " is negative");
            } else {
                known *= target[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new ShapeMismatchException("reshape: cannot infer dimension " + inferred + " reshaping "
                        + x.shape() + " (" + x.size() + " elements) to " + Arrays.toString(dims));
            }
            target[inferred] = (int) (x.size() / known);
            known *= target[inferred];
        }
        if (known != x.size()) {
            throw new ShapeMismatchException("reshape: " + x.shape() + " (" + x.size() + " elements) cannot become "
                    + Arrays.toString(dims) + " (" + known + " elements)");
        }
        Tensor out = Tensor.wrap(x.backend(), x.storage(), Shape.of(target));
        return Checks.recording(x) ? Checks.record(out, LayoutBackward.reshape(x)) : out;
    }

    /** {@code x} with axes {@code a} and {@code b} swapped (a copy). */
    public static Tensor transpose(Tensor x, int a, int b) {
        int[] perm = new int[x.rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int p = x.shape().axis(a, "transpose");
        int q = x.shape().axis(b, "transpose");
        perm[p] = q;
        perm[q] = p;
        return permute(x, perm);
    }

    /** {@code x} with its axes reordered: output axis {@code i} is input axis {@code order[i]} (a copy). */
    public static Tensor permute(Tensor x, int... order) {
        Shape shape = x.shape();
        if (order.length != x.rank()) {
            throw new ShapeMismatchException("permute: " + Arrays.toString(order) + " has " + order.length
                    + " axes but the tensor " + shape + " has " + x.rank());
        }
        if (x.rank() == 0) {
            return copy(x);
        }
        boolean[] seen = new boolean[x.rank()];
        int[] axes = new int[x.rank()];
        int[] dims = new int[x.rank()];
        int[] srcStrides = new int[x.rank()];
        int[] strides = shape.strides();
        for (int i = 0; i < order.length; i++) {
            int axis = shape.axis(order[i], "permute");
            if (seen[axis]) {
                throw new ShapeMismatchException("permute: axis " + order[i] + " appears twice in "
                        + Arrays.toString(order));
            }
            seen[axis] = true;
            axes[i] = axis;
            dims[i] = shape.dim(axis);
            srcStrides[i] = strides[axis];
        }
        Tensor out = Results.zeros(x.backend(), dims);
        if (x.size() > 0) {
            Kernels.copyStrided(x.backend(), x.storage(), 0, srcStrides, out.storage(), 0, out.shape().strides(),
                    dims);
        }
        return Checks.recording(x) ? Checks.record(out, LayoutBackward.permute(x, axes)) : out;
    }

    /** {@code x}'s values repeated along broadcast dimensions to {@code dims} (a copy). */
    public static Tensor broadcastTo(Tensor x, int... dims) {
        Shape target = Shape.of(dims);
        if (!x.shape().broadcastsTo(target)) {
            throw new ShapeMismatchException("broadcastTo: shape " + x.shape() + " does not broadcast to " + target);
        }
        Tensor out = Results.zeros(x.backend(), target);
        if (out.size() > 0) {
            int[] t = target.rank() == 0 ? new int[] {1} : dims;
            int[] src = target.rank() == 0 ? new int[] {0} : x.shape().broadcastStrides(target);
            int[] dst = target.rank() == 0 ? new int[] {1} : target.strides();
            Kernels.copyStrided(x.backend(), x.storage(), 0, src, out.storage(), 0, dst, t);
        }
        return Checks.recording(x) ? Checks.record(out, LayoutBackward.broadcastTo(x)) : out;
    }

    /** A copy of {@code x} with its own storage. */
    public static Tensor copy(Tensor x) {
        Tensor out = Results.zeros(x.backend(), x.shape());
        if (x.size() > 0) {
            Kernels.copyStrided(x.backend(), x.storage(), 0, UNIT, out.storage(), 0, UNIT, new int[] {x.size()});
        }
        return Checks.recording(x) ? Checks.record(out, LayoutBackward.copy(x)) : out;
    }

    /** A copy of {@code x} on {@code target} (a plain copy when it is {@code x}'s own backend). */
    public static Tensor to(Tensor x, Device device) {
        Backend target = Backend.of(device);
        if (target == x.backend()) {
            return copy(x);
        }
        float[] values = new float[x.size()];
        if (x.size() > 0) {
            Kernels.download(x.backend(), x.storage(), 0, values, 0, x.size(), "to(backend)");
        }
        Tensor out = Tensor.wrap(target, Kernels.upload(target, values, 0, values.length, "to(backend)"), x.shape());
        return Checks.recording(x) ? Checks.record(out, LayoutBackward.to(x)) : out;
    }
}
