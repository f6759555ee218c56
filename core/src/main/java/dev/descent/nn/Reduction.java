package dev.descent.nn;

/** How a loss combines its per-element values: their mean (the default, as in PyTorch) or their sum. */
public enum Reduction {
    MEAN, SUM
}
