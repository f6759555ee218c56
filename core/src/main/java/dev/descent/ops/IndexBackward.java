package dev.descent.ops;

import dev.descent.autograd.Node;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * Backward of the indexing operations: {@code slice} (the gradient is padded with zeros back to the input's
 * extent), {@code gatherRows} (its adjoint {@code scatterAddRows}, accumulating repeated rows),
 * {@code scatterAddRows} (its adjoint {@code gatherRows}) and {@code concat} (each input gets its slice of the
 * gradient). Saves indices and shapes only, never tensors.
 */
final class IndexBackward extends Node {
    private enum Kind { SLICE, GATHER_ROWS, SCATTER_ADD_ROWS, CONCAT }

    private final Kind kind;
    private final int axis;
    private final int start;
    private final int end;
    private final int[] indices;
    private final Shape inputShape;
    private final int[] lengths;

    private IndexBackward(Kind kind, Tensor[] inputs, int axis, int start, int end, int[] indices, int[] lengths) {
        super(inputs);
        this.kind = kind;
        this.axis = axis;
        this.start = start;
        this.end = end;
        this.indices = indices;
        this.inputShape = inputs[0].shape();
        this.lengths = lengths;
    }

    /** The node for {@code x.slice(axis, start, end)} with a non-negative {@code axis}. */
    static Node slice(Tensor x, int axis, int start, int end) {
        return new IndexBackward(Kind.SLICE, new Tensor[] {x}, axis, start, end, null, null);
    }

    /** The node for {@code x.gatherRows(indices)}; {@code indices} must not change afterwards. */
    static Node gatherRows(Tensor x, int[] indices) {
        return new IndexBackward(Kind.GATHER_ROWS, new Tensor[] {x}, 0, 0, 0, indices, null);
    }

    /** The node for {@code x.scatterAddRows(indices, rowCount)}; {@code indices} must not change afterwards. */
    static Node scatterAddRows(Tensor x, int[] indices) {
        return new IndexBackward(Kind.SCATTER_ADD_ROWS, new Tensor[] {x}, 0, 0, 0, indices, null);
    }

    /** The node for {@code concat(axis, inputs)} with a non-negative {@code axis}. */
    static Node concat(int axis, Tensor[] inputs) {
        int[] lengths = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            lengths[i] = inputs[i].dim(axis);
        }
        return new IndexBackward(Kind.CONCAT, inputs.clone(), axis, 0, 0, null, lengths);
    }

    @Override
    public String name() {
        return switch (kind) {
            case SLICE -> "SliceBackward";
            case GATHER_ROWS -> "GatherRowsBackward";
            case SCATTER_ADD_ROWS -> "ScatterAddRowsBackward";
            case CONCAT -> "ConcatBackward";
        };
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return switch (kind) {
            case SLICE -> new Tensor[] {padSlice(g)};
            case GATHER_ROWS -> new Tensor[] {g.scatterAddRows(indices, inputShape.dim(0))};
            case SCATTER_ADD_ROWS -> new Tensor[] {g.gatherRows(indices)};
            case CONCAT -> splitConcat(g);
        };
    }

    private Tensor padSlice(Tensor g) {
        int[] before = inputShape.dims();
        before[axis] = start;
        int[] after = inputShape.dims();
        after[axis] = inputShape.dim(axis) - end;
        return Tensor.concat(axis, Tensor.zeros(g.backend(), before), g, Tensor.zeros(g.backend(), after));
    }

    private Tensor[] splitConcat(Tensor g) {
        Tensor[] out = new Tensor[lengths.length];
        int offset = 0;
        for (int i = 0; i < lengths.length; i++) {
            out[i] = needsGrad(i) ? g.slice(axis, offset, offset + lengths[i]) : null;
            offset += lengths[i];
        }
        return out;
    }
}
