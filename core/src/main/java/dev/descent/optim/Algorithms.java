package dev.descent.optim;

import dev.descent.InvalidArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of algorithms by name, used to read saved hyperparameters ({@link Hyperparameters#fromMap}) and
 * by programs that pick an algorithm by name. PyTorch's algorithms and L-BFGS are registered from the start.
 *
 * <p>Registration is explicit, not by {@link java.util.ServiceLoader}: a program calls {@link #register} once
 * for its own algorithm (an {@link Optimizer} also registers the algorithm it is built with), so nothing is found
 * by scanning the class or module path, and the same algorithm is found the same way on both. A name may be
 * registered again only by the same algorithm.
 *
 * <p>Thread-safe.
 */
public final class Algorithms {
    private static final Map<String, Algorithm<?>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Algorithm<?> builtIn : List.of(Sgd.ALGORITHM, Adam.ALGORITHM, AdamW.ALGORITHM, RmsProp.ALGORITHM,
                Adagrad.ALGORITHM, Lbfgs.ALGORITHM)) {
            BY_NAME.put(builtIn.name(), builtIn);
        }
    }

    private Algorithms() {
    }

    /**
     * Makes {@code algorithm} findable by its name.
     *
     * @throws InvalidArgumentException if another algorithm already has that name
     */
    public static synchronized void register(Algorithm<?> algorithm) {
        Algorithm<?> previous = BY_NAME.putIfAbsent(algorithm.name(), algorithm);
        if (previous != null && previous != algorithm && previous.getClass() != algorithm.getClass()) {
            throw new InvalidArgumentException("Algorithms.register: the name '" + algorithm.name()
                    + "' is already taken by " + previous.getClass().getName());
        }
    }

    /** The algorithm called {@code name}, if registered. */
    public static synchronized Optional<Algorithm<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The algorithm called {@code name}.
     *
     * @throws InvalidArgumentException naming the known algorithms if none is
     */
    public static synchronized Algorithm<?> require(String name) {
        Algorithm<?> algorithm = BY_NAME.get(name);
        if (algorithm == null) {
            throw new InvalidArgumentException("unknown optimizer algorithm '" + name + "' (known: "
                    + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return algorithm;
    }

    /** The registered names, in registration order. */
    public static synchronized List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
