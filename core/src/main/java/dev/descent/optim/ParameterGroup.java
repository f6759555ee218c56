package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import dev.descent.tensor.Tensor;

import java.util.List;

/**
 * Parameters that share hyperparameters inside one {@link Optimizer}, like an entry of PyTorch's
 * {@code param_groups} (for example, no weight decay on biases). Immutable: the list is copied.
 *
 * @param parameters      the trainable tensors of this group, in a fixed order
 * @param hyperparameters their hyperparameters
 */
public record ParameterGroup(List<Tensor> parameters, Hyperparameters hyperparameters) {
    /** Copies the parameter list and checks it is not empty. */
    public ParameterGroup {
        if (parameters == null || hyperparameters == null) {
            throw new InvalidArgumentException("ParameterGroup: parameters and hyperparameters must not be null");
        }
        parameters = List.copyOf(parameters);
    }

    /** A group of {@code parameters} with {@code hyperparameters}. */
    public static ParameterGroup of(Hyperparameters hyperparameters, Tensor... parameters) {
        return new ParameterGroup(List.of(parameters), hyperparameters);
    }
}
