package dev.descent.spark;

import dev.descent.train.Objective;
import dev.descent.train.Objectives;

import java.util.Locale;

/** What a model predicts, named as in {@code descent train --task}. */
enum Task {
    REGRESSION, BINARY, MULTICLASS;

    /** The objective for {@code classes} classes (ignored but for multiclass). */
    Objective objective(int classes) {
        return switch (this) {
            case REGRESSION -> Objectives.regression();
            case BINARY -> Objectives.binary();
            case MULTICLASS -> Objectives.multiclass(classes);
        };
    }

    /** Model outputs: the class count for multiclass, else 1. */
    int outputs(int classes) {
        return this == MULTICLASS ? classes : 1;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
