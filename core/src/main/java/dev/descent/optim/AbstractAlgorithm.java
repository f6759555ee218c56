package dev.descent.optim;

/**
 * The part of an {@link Algorithm} that is only bookkeeping: its name, its record's class and its
 * {@link HyperparameterForm}, given once to the constructor. Extend it and write the update.
 *
 * <p>Thread-safe if the subclass is (the fields are final).
 *
 * @param <H> the hyperparameter record
 */
public abstract class AbstractAlgorithm<H extends Hyperparameters> implements Algorithm<H> {
    private final String name;
    private final Class<H> type;
    private final HyperparameterForm<H> form;

    /** An algorithm called {@code name} over records of {@code type} declared by {@code form}. */
    protected AbstractAlgorithm(String name, Class<H> type, HyperparameterForm<H> form) {
        this.name = name;
        this.type = type;
        this.form = form;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Class<H> type() {
        return type;
    }

    @Override
    public final HyperparameterForm<H> form() {
        return form;
    }

    @Override
    public String toString() {
        return name;
    }
}
