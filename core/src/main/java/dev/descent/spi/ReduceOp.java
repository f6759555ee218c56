package dev.descent.spi;

/**
 * Reductions along one axis. {@link #MAX} and {@link #MIN} propagate NaN. {@link #ARGMAX} and {@link #ARGMIN}
 * write the index (as a float, exact below 2^24) of the first extreme element, or of the first NaN if there is
 * one, as PyTorch does. Backends never see an empty axis: core gives 0 for {@link #SUM} and NaN for
 * {@link #MEAN} over one itself, and rejects MAX/MIN/ARGMAX/ARGMIN over one.
 */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, ARGMAX, ARGMIN
}
