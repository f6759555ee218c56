package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.tensor.Tensor;

/**
 * What training minimises and how results are scored, for one kind of task. Implementations are stateless and
 * thread-safe; {@link Objectives} has the standard three.
 */
public interface Objective {
    /** A short name: {@code regression}, {@code binary} or {@code multiclass}. */
    String name();

    /** The number of model outputs the task needs (1, or the class count). */
    int outputs();

    /**
     * The mean loss of one batch, recorded for backward.
     *
     * @param output     the model's output for the batch, {@code [b, outputs()]}
     * @param target     the batch's targets, {@code [b, 1]}
     * @param hostTarget the same targets on the host, or null to use {@code target} alone (what a compiled step
     *                   passes; no device read is made either way)
     */
    Tensor loss(Tensor output, Tensor target, float[] hostTarget);

    /** Checks that every target suits the task (e.g. 0/1 labels), naming the first bad row. */
    void validateTargets(Dataset data, String source);

    /** The loss and task metrics of {@code output} (all rows) against {@code targets}, computed on the host. */
    Metrics score(float[] output, float[] targets);

    /** The prediction written for one row of output: a value, or a class index. */
    double predict(float[] output, int row);
}
