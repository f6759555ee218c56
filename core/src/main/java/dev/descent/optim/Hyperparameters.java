package dev.descent.optim;

import java.util.Map;

/**
 * The immutable hyperparameters of one optimizer algorithm, validated when constructed. Each implementation is a
 * record with a builder holding PyTorch's defaults (stated once, in the builder); changing a value makes a new
 * record ({@link #withLr}).
 *
 * <p>Thread-safe (immutable).
 */
public sealed interface Hyperparameters permits Sgd, Adam, AdamW, RmsProp, Adagrad {
    /** The algorithm's name as {@code torch.optim} spells it: {@code SGD}, {@code Adam}, {@code AdamW}, ... */
    String algorithm();

    /** The learning rate. */
    double lr();

    /** A copy with another learning rate (validated). */
    Hyperparameters withLr(double lr);

    /**
     * The values by stable, PyTorch-like names ({@code lr}, {@code weight_decay}, {@code beta1}, ...), booleans as
     * 0.0/1.0, in a fixed order: what {@link StateDict} stores per group.
     */
    Map<String, Double> toMap();

    /**
     * Rebuilds hyperparameters saved by {@link #toMap()} for {@code algorithm}.
     *
     * @throws dev.descent.InvalidArgumentException for an unknown algorithm, a missing or unknown name, or an
     *                                              invalid value
     */
    static Hyperparameters fromMap(String algorithm, Map<String, Double> values) {
        return switch (algorithm) {
            case Sgd.NAME -> Sgd.fromMap(values);
            case Adam.NAME -> Adam.fromMap(values);
            case AdamW.NAME -> AdamW.fromMap(values);
            case RmsProp.NAME -> RmsProp.fromMap(values);
            case Adagrad.NAME -> Adagrad.fromMap(values);
            default -> throw new dev.descent.InvalidArgumentException("unknown optimizer algorithm '" + algorithm
                    + "' (known: SGD, Adam, AdamW, RMSprop, Adagrad)");
        };
    }
}
