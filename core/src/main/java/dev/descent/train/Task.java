package dev.descent.train;

import dev.descent.InvalidArgumentException;

import java.util.Locale;

/**
 * The three kinds of supervised task descent trains, by the lower-case names that model files and the command
 * line use: {@code regression} (mean squared error), {@code binary} (BCE with logits, targets 0/1) and
 * {@code multiclass} (softmax cross-entropy, targets 0..K-1). Immutable.
 */
public enum Task {
    /** One real-valued output; {@link Objectives#regression()}. */
    REGRESSION,
    /** One logit, class 1 when it is > 0; {@link Objectives#binary()}. */
    BINARY,
    /** One logit per class, the predicted class is the argmax; {@link Objectives#multiclass(int)}. */
    MULTICLASS;

    /** The lower-case name written in model files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether predictions are class indices (binary or multiclass). */
    public boolean isClassification() {
        return this != REGRESSION;
    }

    /** The model outputs this task needs: {@code classes} for multiclass, else 1. */
    public int outputs(int classes) {
        return this == MULTICLASS ? classes : 1;
    }

    /** The objective of this task ({@code classes} is used by multiclass only). */
    public Objective objective(int classes) {
        return switch (this) {
            case REGRESSION -> Objectives.regression();
            case BINARY -> Objectives.binary();
            case MULTICLASS -> Objectives.multiclass(classes);
        };
    }

    /**
     * The task called {@code id} (case-insensitive).
     *
     * @throws InvalidArgumentException naming the value and the valid names
     */
    public static Task parse(String id) {
        for (Task t : values()) {
            if (t.id().equalsIgnoreCase(id.trim())) {
                return t;
            }
        }
        throw new InvalidArgumentException("task: expected regression, binary or multiclass, got '" + id + "'");
    }
}
