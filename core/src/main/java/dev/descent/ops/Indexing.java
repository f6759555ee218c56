package dev.descent.ops;

import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.autograd.Node;
import dev.descent.tensor.Tensor;

/**
 * The indexing op family: {@code slice} along an axis, {@code gatherRows} and its adjoint
 * {@code scatterAddRows}, and {@code concat}. Indices are checked with the valid range in the message.
 * Kernels: {@code Backend.copyStrided}, {@code gatherRows}, {@code scatterAddRows}. Gradients:
 * {@link IndexBackward}.
 */
public final class Indexing {
    private Indexing() {
    }

    /** Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis} (a copy). */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        int a = x.shape().axis(axis, "slice");
        int n = x.shape().dim(a);
        if (start < 0 || end > n || start > end) {
            throw new IndexOutOfRangeException("slice: range [" + start + ", " + end + ") along axis " + a
                    + " of shape " + x.shape() + " (valid: 0 <= start <= end <= " + n + ")");
        }
        int[] dims = x.shape().dims();
        dims[a] = end - start;
        Tensor out = Results.zeros(x.backend(), dims);
        if (out.size() > 0) {
            int[] strides = x.shape().strides();
            Kernels.copyStrided(x.backend(), x.storage(), start * strides[a], strides, out.storage(), 0,
                    out.shape().strides(), dims);
        }
        return Checks.recording(x) ? Checks.record(out, IndexBackward.slice(x, a, start, end)) : out;
    }

    /** The rows of {@code x} at {@code indices}, in that order, repeats allowed. */
    public static Tensor gatherRows(Tensor x, int[] indices) {
        if (x.rank() == 0) {
            throw new ShapeMismatchException("gatherRows: a scalar has no rows");
        }
        int n = x.dim(0);
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IndexOutOfRangeException("gatherRows: index " + indices[i] + " at position " + i
                        + " out of range for " + n + " rows (valid: 0.." + (n - 1) + ")");
            }
        }
        int[] dims = x.shape().dims();
        dims[0] = indices.length;
        Tensor out = Results.zeros(x.backend(), dims);
        int[] rows = indices.clone();
        if (out.size() > 0) {
            Kernels.gatherRows(x.backend(), x.storage(), x.shape().inner(0), rows, out.storage());
        }
        return Checks.recording(x) ? Checks.record(out, IndexBackward.gatherRows(x, rows)) : out;
    }

    /** {@code rowCount} rows, zero except that row {@code indices[i]} accumulates row {@code i} of {@code x}. */
    public static Tensor scatterAddRows(Tensor x, int[] indices, int rowCount) {
        if (x.rank() == 0 || x.dim(0) != indices.length) {
            throw new ShapeMismatchException("scatterAddRows: " + indices.length + " indices for a tensor of shape "
                    + x.shape() + " (need one index per row)");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= rowCount) {
                throw new IndexOutOfRangeException("scatterAddRows: index " + indices[i] + " at position " + i
                        + " out of range for " + rowCount + " rows (valid: 0.." + (rowCount - 1) + ")");
            }
        }
        int[] dims = x.shape().dims();
        dims[0] = rowCount;
        Tensor out = Results.zeros(x.backend(), dims);
        int[] rows = indices.clone();
        if (x.size() > 0) {
            Kernels.scatterAddRows(x.backend(), x.storage(), x.shape().inner(0), rows, out.storage());
        }
        return Checks.recording(x) ? Checks.record(out, IndexBackward.scatterAddRows(x, rows)) : out;
    }

    /** {@code tensors} joined along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new InvalidArgumentException("concat: no tensors given");
        }
        Tensor first = tensors[0];
        int a = first.shape().axis(axis, "concat");
        int[] dims = first.shape().dims();
        int total = 0;
        for (int i = 0; i < tensors.length; i++) {
            Tensor t = tensors[i];
            Checks.sameBackend("concat", first, t);
            if (t.rank() != first.rank()) {
                throw new ShapeMismatchException("concat: tensor " + i + " has shape " + t.shape()
                        + " but tensor 0 has " + first.shape() + " (ranks differ)");
            }
            for (int d = 0; d < dims.length; d++) {
                if (d != a && t.shape().dim(d) != dims[d]) {
                    throw new ShapeMismatchException("concat: tensor " + i + " has shape " + t.shape()
                            + " but tensor 0 has " + first.shape() + ": dimension " + d + " differs ("
                            + t.shape().dim(d) + " vs " + dims[d] + ")");
                }
            }
            total += t.shape().dim(a);
        }
        dims[a] = total;
        Tensor out = Results.zeros(first.backend(), dims);
        int[] outStrides = out.shape().strides();
        int offset = 0;
        for (Tensor t : tensors) {
            if (t.size() > 0) {
                Kernels.copyStrided(first.backend(), t.storage(), 0, t.shape().strides(), out.storage(),
                        offset * outStrides[a], outStrides, t.shape().dims());
            }
            offset += t.shape().dim(a);
        }
        return Node.shouldRecord(tensors) ? Checks.record(out, IndexBackward.concat(a, tensors)) : out;
    }
}
