package dev.descent.nn;

/** How a loss combines its per-element values: their mean (the default, as in PyTorch) or their sum. */
public enum Reduction {
    /** The mean of the per-element losses. */
    MEAN,
    /** The sum of the per-element losses. */
    SUM
}
