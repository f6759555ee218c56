package dev.descent.spi;

/**
 * Reductions along one axis. {@link #MAX} and {@link #MIN} propagate NaN. {@link #ARGMAX} and {@link #ARGMIN}
 * write the index (as a float, exact below 2^24) of the first extreme element, or of the first NaN if there is
 * one, as PyTorch does. Backends never see an empty axis: core gives 0 for {@link #SUM} and NaN for
 * {@link #MEAN} over one itself, and rejects MAX/MIN/ARGMAX/ARGMIN over one.
 */
public enum ReduceOp {
    /** The sum. */
    SUM,
    /** The arithmetic mean. */
    MEAN,
    /** The largest element (NaN if any is NaN). */
    MAX,
    /** The smallest element (NaN if any is NaN). */
    MIN,
    /** The index of the first largest element (or of the first NaN). */
    ARGMAX,
    /** The index of the first smallest element (or of the first NaN). */
    ARGMIN
}
