package dev.descent.optim;

import dev.descent.tensor.Tensor;

import java.util.Map;
import java.util.Set;

/**
 * An optimization algorithm, as {@link Optimizer} runs it: its name, its hyperparameter record and that record's
 * {@link HyperparameterForm}, the state buffers it keeps per parameter, and its update, written once with tensor
 * operations. That update is the reference: a backend may offer a faster fused kernel for the algorithm
 * ({@link #fusedKernel()}), which the optimizer then prefers, and the optimizer conformance suite checks every
 * fused kernel against the reference on every backend.
 *
 * <p>To add an algorithm, write a hyperparameter record implementing {@link Hyperparameters} and one
 * implementation of this interface (usually a constant of the record); {@link Algorithms#register} makes it
 * findable by name for {@link Hyperparameters#fromMap}. An {@link Optimizer} built from the record needs no
 * registration. Algorithms that re-evaluate the loss several times per step (L-BFGS) implement
 * {@link ClosureAlgorithm} instead.
 *
 * <p>Implementations are stateless and thread-safe: the state lives in each parameter's {@link ParameterState}.
 *
 * @param <H> the hyperparameter record
 */
public interface Algorithm<H extends Hyperparameters> {
    /** The name saved in state dicts and checkpoints ({@code torch.optim}'s class name for PyTorch's algorithms). */
    String name();

    /** The hyperparameter record's class. */
    Class<H> type();

    /** The declaration that validates and (de)serialises the record. */
    HyperparameterForm<H> form();

    /** Rebuilds the record from the values {@link Hyperparameters#toMap()} saved. */
    default H fromMap(Map<String, Double> values) {
        return form().fromMap(values);
    }

    /** The buffers a state dict may hold for one parameter under {@code hyperparameters} (PyTorch's names). */
    Set<String> bufferNames(H hyperparameters);

    /** The per-parameter scalars a state dict may hold beyond the step count; none by default. */
    default Set<String> scalarNames(H hyperparameters) {
        return Set.of();
    }

    /**
     * Creates state that PyTorch creates with the optimizer rather than at the first step (Adagrad's {@code sum});
     * nothing by default.
     */
    default void initialise(H hyperparameters, Tensor parameter, ParameterState state) {
    }

    /**
     * The reference update of one parameter in place from its {@link Tensor#grad()}, with tensor operations,
     * advancing {@code state}'s step count. Runs with autograd recording off. It may allocate temporaries; a fused
     * kernel ({@link #fusedKernel()}) is the allocation-free path.
     */
    void update(H hyperparameters, Tensor parameter, ParameterState state);

    /** The fused form of {@link #update}, used where a parameter's backend offers its kernel; none by default. */
    default FusedUpdate<H, ?> fusedKernel() {
        return null;
    }
}
