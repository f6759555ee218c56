package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import dev.descent.tensor.Tensor;

import java.util.List;

/**
 * An algorithm whose step re-evaluates the loss and the gradients several times ({@link Lbfgs}), over all
 * parameters at once rather than one parameter at a time: {@link Optimizer#step(LossClosure)} runs it, and
 * {@link Optimizer#step()} refuses it. As in PyTorch such an algorithm has one parameter group.
 *
 * <p>Implementations are stateless and thread-safe: the state lives in the parameters' {@link ParameterState}s.
 *
 * @param <H> the hyperparameter record
 */
public interface ClosureAlgorithm<H extends Hyperparameters> extends Algorithm<H> {
    /**
     * One optimization step of {@code parameters} (in place), whose state is {@code states} (same order),
     * calling {@code closure} to re-evaluate the loss and fill every parameter's gradient. Runs with autograd
     * recording off; the closure is called with it on.
     *
     * @return the loss that the step's first closure evaluation returned
     */
    double step(H hyperparameters, List<Tensor> parameters, List<ParameterState> states, LossClosure closure);

    /** Refused: these algorithms need a closure ({@link Optimizer#step()} says so before calling this). */
    @Override
    default void update(H hyperparameters, Tensor parameter, ParameterState state) {
        throw new InvalidArgumentException(name() + " re-evaluates the loss during its step: call "
                + "Optimizer.step(closure), not step()");
    }
}
