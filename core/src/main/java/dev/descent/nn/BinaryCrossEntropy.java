package dev.descent.nn;

import dev.descent.autograd.GradMode;
import dev.descent.autograd.Node;
import dev.descent.autograd.NoGrad;
import dev.descent.tensor.Tensor;

/**
 * Binary cross-entropy with logits as one recorded node. The value is
 * {@code max(x,0) - x·y + log(1 + e^-|x|)}: no exponential of a positive number is ever taken, so it is finite
 * for any logit. The gradient is the exact {@code dx = σ(x) - y}, {@code dy = -x} (scaled by the reduction),
 * which stays correct at {@code x = 0} where differentiating the piecewise formula op by op would not.
 */
final class BinaryCrossEntropy extends Node {
    private Tensor logits;
    private Tensor target;
    private final float scale;

    private BinaryCrossEntropy(Tensor logits, Tensor target, float scale) {
        super(logits, target);
        this.logits = logits;
        this.target = target;
        this.scale = scale;
    }

    static Tensor withLogits(Tensor x, Tensor y, Reduction reduction) {
        Tensor loss;
        try (NoGrad _ = GradMode.noGrad()) {
            Tensor elementwise = x.relu().sub(x.mul(y)).add(x.abs().neg().exp().add(1f).log());
            loss = Losses.reduce(elementwise, reduction);
        }
        if (Node.shouldRecord(x, y)) {
            float scale = reduction == Reduction.SUM ? 1f : 1f / x.size();
            loss.withGradFn(new BinaryCrossEntropy(x, y, scale));
        }
        return loss;
    }

    @Override
    public String name() {
        return "BceWithLogitsBackward";
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor scaled = g.mul(scale);
        Tensor gx = needsGrad(0) ? logits.sigmoid().sub(target).mul(scaled) : null;
        Tensor gy = needsGrad(1) ? logits.neg().mul(scaled) : null;
        return new Tensor[] {gx, gy};
    }

    @Override
    protected void releaseSaved() {
        logits = null;
        target = null;
    }
}
