package dev.descent.spark;

import dev.descent.InvalidArgumentException;
import dev.descent.optim.Adagrad;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Lbfgs;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgd;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An optimizer's algorithm and hyperparameters in a form that travels to executors (plain strings and doubles;
 * core's hyperparameter records are not {@link Serializable}). Values not given are the optimizer's own defaults
 * (torch.optim's), exactly as {@code descent train} leaves unset options to the builders.
 *
 * @param algorithm the {@link Hyperparameters#algorithm()} name, e.g. {@code Adam}
 * @param values    every hyperparameter by its {@link Hyperparameters#toMap()} name
 */
record OptimizerSpec(String algorithm, Map<String, Double> values) implements Serializable {
    /** The optimizer names the {@code optimizer} param accepts. */
    static final String[] NAMES = {"sgd", "adam", "adamw", "rmsprop", "adagrad", "lbfgs"};
    /** L-BFGS's iterations per step. */
    private static final String MAX_ITER = "max_iter";
    /** L-BFGS's loss evaluations per step: follows {@link #MAX_ITER} unless given, as in PyTorch. */
    private static final String MAX_EVAL = "max_eval";

    OptimizerSpec {
        values = new LinkedHashMap<>(values);
    }

    /**
     * The optimizer {@code name} with {@code given} hyperparameters (by {@link Hyperparameters#toMap()} name)
     * over its defaults.
     *
     * @param paramNames for each hyperparameter name, the Spark param that set it (for the error message)
     * @throws InvalidArgumentException naming the param when a value does not apply to the optimizer or is invalid
     */
    static OptimizerSpec of(String name, Map<String, Double> given, Map<String, String> paramNames) {
        Hyperparameters defaults = switch (name.toLowerCase(Locale.ROOT)) {
            case "sgd" -> Sgd.builder().build();
            case "adam" -> Adam.builder().build();
            case "adamw" -> AdamW.builder().build();
            case "rmsprop" -> RmsProp.builder().build();
            case "adagrad" -> Adagrad.builder().build();
            case "lbfgs" -> Lbfgs.builder().build();
            default -> throw new InvalidArgumentException("param optimizer: unknown optimizer '" + name
                    + "' (known: " + String.join(", ", NAMES) + ")");
        };
        Map<String, Double> values = new LinkedHashMap<>(defaults.toMap());
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new InvalidArgumentException("param " + paramNames.getOrDefault(e.getKey(), e.getKey())
                        + " does not apply to optimizer " + name + " (its hyperparameters: "
                        + String.join(", ", values.keySet()) + ")");
            }
            values.put(e.getKey(), e.getValue());
        }
        if (given.containsKey(MAX_ITER) && !given.containsKey(MAX_EVAL) && values.containsKey(MAX_EVAL)) {
            // torch.optim.LBFGS: max_eval defaults to max_iter * 5 / 4 (what Lbfgs.Builder.maxIter does).
            values.put(MAX_EVAL, Math.floor(given.get(MAX_ITER) * 5 / 4));
        }
        OptimizerSpec spec = new OptimizerSpec(defaults.algorithm(), values);
        try {
            spec.hyperparameters();
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("params of optimizer " + name + ": " + e.getMessage());
        }
        return spec;
    }

    /** Whether the optimizer re-evaluates the loss during its step (L-BFGS): full batch only. */
    boolean needsClosure() {
        return hyperparameters().definition() instanceof dev.descent.optim.ClosureAlgorithm<?>;
    }

    /** Core's hyperparameter record (validated). */
    Hyperparameters hyperparameters() {
        return Hyperparameters.fromMap(algorithm, values);
    }
}
