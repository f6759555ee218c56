package dev.descent.spi;

/**
 * {@link OptimizerKernels} composed from a backend's own elementwise kernels ({@link Backend#unary},
 * {@link Backend#binary}, {@link Backend#axpy}, {@link Backend#copyStrided}): the default that
 * {@link Backend#optimizerKernels()} returns, so a backend written without fused optimizer kernels still trains.
 *
 * <p>It computes the same formulas, in the same order (torch.optim's), as the fused kernels, taking the same
 * pre-rounded scalars; only {@link Backend#axpy} may contract its {@code alpha·x + y} into a fused multiply-add,
 * as PyTorch's own vectorised {@code add(alpha)} and {@code lerp} do. It reads and writes each array
 * several times and allocates temporaries on every call, so it moves several times the memory of a fused kernel.
 * Backends that care about speed override {@link Backend#optimizerKernels()}; {@code scalar} and {@code vector}
 * must.
 *
 * <p>Thread-safe when the backend is: it holds nothing but the backend.
 */
public final class ComposedOptimizerKernels implements OptimizerKernels {
    private static final int[] UNIT = {1};

    private final Backend backend;

    /** Optimizer kernels that run as sequences of {@code backend}'s elementwise kernels. */
    public ComposedOptimizerKernels(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void sgd(Storage param, Storage grad, Storage momentumBuffer, int length, float lr, float weightDecay,
                    float momentum, float dampeningComplement, boolean nesterov, boolean firstStep) {
        Storage d = grad;
        Storage owned = null;
        if (weightDecay != 0f) {
            owned = copyOf(grad, length);
            backend.axpy(weightDecay, param, owned, length);
            d = owned;
        }
        if (momentumBuffer != null) {
            if (firstStep) {
                copy(d, momentumBuffer, length);
            } else {
                backend.unary(UnaryOp.MULTIPLY, momentumBuffer, momentumBuffer, length, momentum, 0f);
                backend.axpy(dampeningComplement, d, momentumBuffer, length);
            }
            if (nesterov) {
                if (owned == null) {
                    owned = copyOf(grad, length);
                }
                backend.axpy(momentum, momentumBuffer, owned, length);
                d = owned;
            } else {
                d = momentumBuffer;
            }
        }
        backend.axpy(-lr, d, param, length);
        release(owned);
    }

    @Override
    public void adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, int length,
                     float beta1Complement, float beta2, float beta2Complement, float eps, float weightDecay,
                     float decoupledScale, float stepSize, float biasCorrection2Sqrt) {
        Storage g = grad;
        Storage owned = null;
        if (decoupledScale != 1f) {
            backend.unary(UnaryOp.MULTIPLY, param, param, length, decoupledScale, 0f);
        }
        if (weightDecay != 0f) {
            owned = copyOf(grad, length);
            backend.axpy(weightDecay, param, owned, length);
            g = owned;
        }
        Storage work = backend.allocate(length);
        lerp(expAvg, g, beta1Complement, work, length);
        // v = v·beta2 + (beta2Complement·g)·g
        backend.unary(UnaryOp.MULTIPLY, g, work, length, beta2Complement, 0f);
        multiply(work, g, work, length);
        backend.unary(UnaryOp.MULTIPLY, expAvgSq, expAvgSq, length, beta2, 0f);
        backend.axpy(1f, work, expAvgSq, length);
        // work = sqrt(v) / sqrt(bc2) + eps
        backend.unary(UnaryOp.SQRT, expAvgSq, work, length, 0f, 0f);
        backend.unary(UnaryOp.DIVIDE, work, work, length, biasCorrection2Sqrt, 0f);
        backend.unary(UnaryOp.ADD, work, work, length, eps, 0f);
        divide(expAvg, work, work, length);
        backend.axpy(-stepSize, work, param, length);
        release(owned);
        release(work);
    }

    @Override
    public void rmsprop(Storage param, Storage grad, Storage squareAvg, Storage gradAvg, Storage momentumBuffer,
                        int length, float lr, float alpha, float alphaComplement, float eps, float weightDecay,
                        float momentum) {
        Storage g = grad;
        Storage owned = null;
        if (weightDecay != 0f) {
            owned = copyOf(grad, length);
            backend.axpy(weightDecay, param, owned, length);
            g = owned;
        }
        Storage work = backend.allocate(length);
        // s = s·alpha + (alphaComplement·g)·g
        backend.unary(UnaryOp.MULTIPLY, g, work, length, alphaComplement, 0f);
        multiply(work, g, work, length);
        backend.unary(UnaryOp.MULTIPLY, squareAvg, squareAvg, length, alpha, 0f);
        backend.axpy(1f, work, squareAvg, length);
        if (gradAvg != null) {
            lerp(gradAvg, g, alphaComplement, work, length);
            // work = s - a*a
            backend.unary(UnaryOp.SQUARE, gradAvg, work, length, 0f, 0f);
            backend.binary(BinaryOp.SUB, squareAvg, UNIT, work, UNIT, work, new int[] {length});
            backend.unary(UnaryOp.SQRT, work, work, length, 0f, 0f);
        } else {
            backend.unary(UnaryOp.SQRT, squareAvg, work, length, 0f, 0f);
        }
        backend.unary(UnaryOp.ADD, work, work, length, eps, 0f);
        divide(g, work, work, length);
        if (momentumBuffer != null) {
            backend.unary(UnaryOp.MULTIPLY, momentumBuffer, momentumBuffer, length, momentum, 0f);
            backend.axpy(1f, work, momentumBuffer, length);
            backend.axpy(-lr, momentumBuffer, param, length);
        } else {
            backend.axpy(-lr, work, param, length);
        }
        release(owned);
        release(work);
    }

    /**
     * {@code average = lerp(average, target, weight)} as {@code Tensor.lerp_}: {@code a + w·(t − a)} for
     * {@code |w| < 0.5}, else {@code t − (t − a)·(1 − w)}; {@code work} is scratch of {@code length} elements.
     */
    private void lerp(Storage average, Storage target, float weight, Storage work, int length) {
        backend.binary(BinaryOp.SUB, target, UNIT, average, UNIT, work, new int[] {length});
        if (Math.abs(weight) < 0.5f) {
            backend.axpy(weight, work, average, length);
        } else {
            copy(target, average, length);
            backend.axpy(-(1f - weight), work, average, length);
        }
    }

    @Override
    public void adagrad(Storage param, Storage grad, Storage sum, int length, float decayedLr, float eps,
                        float weightDecay) {
        Storage g = grad;
        Storage owned = null;
        if (weightDecay != 0f) {
            owned = copyOf(grad, length);
            backend.axpy(weightDecay, param, owned, length);
            g = owned;
        }
        Storage work = backend.allocate(length);
        backend.unary(UnaryOp.SQUARE, g, work, length, 0f, 0f);
        backend.axpy(1f, work, sum, length);
        backend.unary(UnaryOp.SQRT, sum, work, length, 0f, 0f);
        backend.unary(UnaryOp.ADD, work, work, length, eps, 0f);
        divide(g, work, work, length);
        backend.axpy(-decayedLr, work, param, length);
        release(owned);
        release(work);
    }

    private void multiply(Storage x, Storage y, Storage out, int length) {
        backend.binary(BinaryOp.MUL, x, UNIT, y, UNIT, out, new int[] {length});
    }

    private void divide(Storage x, Storage y, Storage out, int length) {
        backend.binary(BinaryOp.DIV, x, UNIT, y, UNIT, out, new int[] {length});
    }

    private Storage copyOf(Storage source, int length) {
        Storage copy = backend.allocate(length);
        copy(source, copy, length);
        return copy;
    }

    private void copy(Storage source, Storage target, int length) {
        backend.copyStrided(source, 0, UNIT, target, 0, UNIT, new int[] {length});
    }

    private static void release(Storage temporary) {
        if (temporary != null) {
            temporary.release();
        }
    }
}
