package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.UnaryOp;
import dev.descent.tensor.Tensor;

import java.util.List;

/**
 * Gradient clipping, applied in place to the gradients of parameters before {@link Optimizer#step()}, with the
 * semantics of {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}. Parameters whose
 * {@link Tensor#grad()} is null are ignored. The work stays on the backend: the total norm is returned as a
 * rank-0 tensor, and reading it ({@link Tensor#item()}) is the caller's choice.
 *
 * <p>Not thread-safe with respect to the gradients it rewrites.
 */
public final class GradientClipping {
    /** Added to the total norm before dividing, as PyTorch does. */
    public static final float NORM_EPSILON = 1e-6f;

    private GradientClipping() {
    }

    /** {@link #clipGradNorm(List, double, double)} with the Euclidean norm ({@code normType = 2}). */
    public static Tensor clipGradNorm(List<Tensor> parameters, double maxNorm) {
        return clipGradNorm(parameters, maxNorm, 2);
    }

    /**
     * Scales all gradients together so that their total norm is at most {@code maxNorm}:
     * <pre>
     * total = (sum over all gradient elements of |g|^normType)^(1/normType)     (max |g| for normType = inf)
     * coefficient = min(maxNorm / (total + 1e-6), 1)
     * g = g·coefficient                                                         (for every gradient)
     * </pre>
     * The total is the norm of all gradients viewed as one vector, i.e. the norm of the per-tensor norms.
     *
     * @param normType a finite {@code p > 0} or {@link Double#POSITIVE_INFINITY}
     * @return the total norm before clipping, as a rank-0 tensor on the gradients' backend (0 if no parameter has
     *         a gradient)
     * @throws InvalidArgumentException if {@code parameters} is empty, {@code maxNorm} is negative or not finite,
     *                                  or {@code normType} is not positive
     */
    public static Tensor clipGradNorm(List<Tensor> parameters, double maxNorm, double normType) {
        if (parameters.isEmpty()) {
            throw new InvalidArgumentException("clipGradNorm: no parameters given");
        }
        HyperparameterForm.Range.NON_NEGATIVE.check("clipGradNorm", "max_norm", maxNorm);
        if (!(normType > 0)) {
            throw new InvalidArgumentException("clipGradNorm: norm_type must be > 0 (or infinity), got " + normType);
        }
        boolean infinity = normType == Double.POSITIVE_INFINITY;
        Tensor accumulated = null;
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g == null || g.size() == 0) {
                continue;
            }
            Tensor part;
            if (infinity) {
                part = g.abs().max();
            } else if (normType == 2) {
                part = g.square().sum();
            } else if (normType == 1) {
                part = g.abs().sum();
            } else {
                part = g.abs().pow((float) normType).sum();
            }
            accumulated = accumulated == null ? part : infinity ? accumulated.maximum(part) : accumulated.add(part);
        }
        if (accumulated == null) {
            return Tensor.scalar(parameters.getFirst().backend(), 0f);
        }
        Tensor total;
        if (infinity || normType == 1) {
            total = accumulated;
        } else if (normType == 2) {
            total = accumulated.sqrt();
        } else {
            total = accumulated.pow((float) (1 / normType));
        }
        Tensor coefficient = total.add(NORM_EPSILON).rdiv((float) maxNorm).clamp(0f, 1f);
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g != null && g.size() > 0) {
                g.applyInPlace(BinaryOp.MUL, coefficient);
            }
        }
        return total;
    }

    /**
     * Clamps every gradient element to {@code [-clipValue, clipValue]} in place.
     *
     * @throws InvalidArgumentException if {@code clipValue} is negative or not finite
     */
    public static void clipGradValue(List<Tensor> parameters, double clipValue) {
        HyperparameterForm.Range.NON_NEGATIVE.check("clipGradValue", "clip_value", clipValue);
        float bound = (float) clipValue;
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g != null && g.size() > 0) {
                dev.descent.ops.Kernels.unary(g.backend(), UnaryOp.CLAMP, g.storage(), g.storage(), g.size(), -bound,
                        bound);
            }
        }
    }
}
