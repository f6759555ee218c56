package dev.descent.autograd.functions;

import dev.descent.autograd.Node;
import dev.descent.spi.Backend;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * Backward of the operations that move values without combining them: reshape (and flatten), permute (and
 * transpose), broadcastTo (the gradient is summed back), copy, and {@code to(backend)} (the gradient travels
 * back to the source backend). Saves shapes only, never tensors.
 */
public final class LayoutBackward extends Node {
    private enum Kind { RESHAPE, PERMUTE, BROADCAST, COPY, TO }

    private final Kind kind;
    private final Shape inputShape;
    private final int[] inverseOrder;
    private final Backend source;

    private LayoutBackward(Kind kind, Tensor x, int[] inverseOrder) {
        super(x);
        this.kind = kind;
        this.inputShape = x.shape();
        this.inverseOrder = inverseOrder;
        this.source = x.backend();
    }

    /** The gradient of a reshape: the incoming gradient reshaped back to {@code x}'s shape. */
    public static Node reshape(Tensor x) {
        return new LayoutBackward(Kind.RESHAPE, x, null);
    }

    /** The node for {@code x.permute(order)} with {@code order} already normalised to non-negative axes. */
    public static Node permute(Tensor x, int[] order) {
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[order[i]] = i;
        }
        return new LayoutBackward(Kind.PERMUTE, x, inverse);
    }

    /** The gradient of a broadcast: the incoming gradient summed back to {@code x}'s shape. */
    public static Node broadcastTo(Tensor x) {
        return new LayoutBackward(Kind.BROADCAST, x, null);
    }

    /** The gradient of a copy: the incoming gradient unchanged. */
    public static Node copy(Tensor x) {
        return new LayoutBackward(Kind.COPY, x, null);
    }

    /** The gradient of a move between backends: the incoming gradient moved back to {@code x}'s backend. */
    public static Node to(Tensor x) {
        return new LayoutBackward(Kind.TO, x, null);
    }

    @Override
    public String name() {
        return switch (kind) {
            case RESHAPE -> "ReshapeBackward";
            case PERMUTE -> "PermuteBackward";
            case BROADCAST -> "BroadcastToBackward";
            case COPY -> "CopyBackward";
            case TO -> "ToBackendBackward";
        };
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor gx = switch (kind) {
            case RESHAPE -> g.reshape(inputShape.dims());
            case PERMUTE -> g.permute(inverseOrder);
            case BROADCAST -> Gradients.sumToShape(g, inputShape);
            case COPY -> g;
            case TO -> g.to(source);
        };
        return new Tensor[] {gx};
    }
}
