package dev.descent.optim;

import dev.descent.tensor.Tensor;

/**
 * The fused form of an {@link Algorithm}'s update: the kernel interface a backend may offer
 * ({@link dev.descent.spi.Backend#optimizerKernel(Class)}) and how to run one step of the algorithm with it. The
 * optional capability is the kernel interface itself: a backend that does not implement it runs the reference
 * update instead. The host side (step count, bias corrections, lazily created buffers) is done here, so that a
 * kernel is purely elementwise.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <H> the hyperparameter record
 * @param <K> the kernel interface, usually in {@link dev.descent.spi}
 */
public interface FusedUpdate<H extends Hyperparameters, K> {
    /** The kernel interface a backend implements to offer this update. */
    Class<K> kernelType();

    /** One step of {@code parameter} with {@code kernel}; must agree with the reference update. */
    void update(H hyperparameters, K kernel, Tensor parameter, ParameterState state);
}
