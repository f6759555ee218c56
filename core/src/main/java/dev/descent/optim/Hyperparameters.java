package dev.descent.optim;

import java.util.Map;

/**
 * The immutable hyperparameters of one optimizer algorithm, validated when constructed. Each implementation is a
 * record whose {@link HyperparameterForm} declares every value once (its saved name, PyTorch's default, its valid
 * range); changing a value makes a new record ({@link #withLr}). The record names the {@link Algorithm} that runs
 * it, so a user's own algorithm is a record plus an {@code Algorithm}, with no change to this package.
 *
 * <p>Thread-safe (immutable).
 */
public interface Hyperparameters {
    /** The algorithm that these hyperparameters configure. */
    Algorithm<?> definition();

    /** The algorithm's name as {@code torch.optim} spells it: {@code SGD}, {@code Adam}, {@code AdamW}, ... */
    default String algorithm() {
        return definition().name();
    }

    /** The learning rate. */
    double lr();

    /** A copy with another learning rate (validated). */
    Hyperparameters withLr(double lr);

    /**
     * The values by stable, PyTorch-like names ({@code lr}, {@code weight_decay}, {@code beta1}, ...), booleans as
     * 0.0/1.0, in a fixed order: what {@link StateDict} stores per group. The default serialises through the
     * algorithm's {@link HyperparameterForm}.
     */
    default Map<String, Double> toMap() {
        return toMap(definition(), this);
    }

    private static <H extends Hyperparameters> Map<String, Double> toMap(Algorithm<H> algorithm,
                                                                         Hyperparameters hyperparameters) {
        return algorithm.form().toMap(algorithm.type().cast(hyperparameters));
    }

    /**
     * Rebuilds hyperparameters saved by {@link #toMap()} for the algorithm registered as {@code algorithm}
     * ({@link Algorithms}).
     *
     * @throws dev.descent.InvalidArgumentException for an unknown algorithm, a missing or unknown name, or an
     *                                              invalid value
     */
    static Hyperparameters fromMap(String algorithm, Map<String, Double> values) {
        return Algorithms.require(algorithm).fromMap(values);
    }
}
