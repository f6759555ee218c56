package dev.descent.optim;

import dev.descent.spi.ReduceOp;
import dev.descent.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * All parameters seen as one flat vector, one piece per parameter (each piece with its parameter's shape), the
 * way {@code torch.optim.LBFGS} flattens them; reductions add the pieces' float32 results in double. Used by
 * {@link LbfgsAlgorithm} with autograd off. Immutable list; the pieces are changed in place by the callers.
 */
record FlatVector(List<Tensor> pieces) {
    /** Copies of every parameter's gradient (zeros for a parameter without one), like {@code _gather_flat_grad}. */
    static FlatVector gradients(List<Tensor> parameters) {
        List<Tensor> pieces = new ArrayList<>(parameters.size());
        for (Tensor p : parameters) {
            pieces.add(p.grad() == null ? Tensor.zeros(p.backend(), p.dims()) : p.grad().copy());
        }
        return new FlatVector(pieces);
    }

    /** Copies of the parameters' values. */
    static FlatVector copyOf(List<Tensor> tensors) {
        List<Tensor> pieces = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            pieces.add(t.copy());
        }
        return new FlatVector(pieces);
    }

    /** {@code -this}, new. */
    FlatVector negated() {
        return scaled(-1f);
    }

    /** {@code factor·this}, new. */
    FlatVector scaled(float factor) {
        List<Tensor> out = new ArrayList<>(pieces.size());
        for (Tensor t : pieces) {
            out.add(t.mul(factor));
        }
        return new FlatVector(out);
    }

    /** {@code this − other}, new. */
    FlatVector minus(FlatVector other) {
        List<Tensor> out = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            out.add(pieces.get(i).sub(other.pieces.get(i)));
        }
        return new FlatVector(out);
    }

    /** {@code this += alpha·other}, in place. */
    void addInPlace(FlatVector other, float alpha) {
        for (int i = 0; i < pieces.size(); i++) {
            pieces.get(i).addInPlace(other.pieces.get(i), alpha);
        }
    }

    /** Overwrites this vector's values with {@code other}'s. */
    void copyFrom(FlatVector other) {
        for (int i = 0; i < pieces.size(); i++) {
            pieces.get(i).copyFrom(other.pieces.get(i));
        }
    }

    /** The inner product. */
    double dot(FlatVector other) {
        double sum = 0;
        for (int i = 0; i < pieces.size(); i++) {
            Tensor a = pieces.get(i);
            if (a.size() > 0) {
                sum += a.flatten().dot(other.pieces.get(i).flatten()).item();
            }
        }
        return sum;
    }

    /** The largest absolute element. */
    double maxAbs() {
        double max = 0;
        for (Tensor t : pieces) {
            if (t.size() > 0) {
                max = Math.max(max, t.abs().reduceAll(ReduceOp.MAX).item());
            }
        }
        return max;
    }

    /** The sum of absolute elements. */
    double sumAbs() {
        double sum = 0;
        for (Tensor t : pieces) {
            if (t.size() > 0) {
                sum += t.abs().sum().item();
            }
        }
        return sum;
    }
}
