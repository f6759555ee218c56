package dev.descent.backend.vector;

/**
 * The choice, for one kernel family with a Vector API kernel and a plain-loop twin that give the same bits, of how
 * much of each call the Vector API kernel takes while it may still be cold: the ski-rental rule of
 * {@link ColdStartGemm} (rent the plain loop; let the Vector API kernel take at most {@link #PROBE_SHARE} of the
 * plain loop's time, as probes that measure and warm it; switch for good once it wins {@link #WINS_TO_SWITCH}
 * probes in a row, each timed against the plain loop in the same call).
 *
 * <p>Work is counted in units the caller chooses (rows of a GEMM, elements of an elementwise op) and weighted by
 * {@code unitCost} (multiply-adds per row, 1 per element), so rates are comparable between calls of different
 * shapes. Updated without locks by design: a lost update only shifts a choice between kernels with the same
 * results. Off (the plain loop never chosen) with {@code -Ddescent.vector.smallElements=0}.
 */
final class ColdStartRule {
    /** The Vector API kernel may take this share of the plain loop's time while it is cold. */
    static final double PROBE_SHARE = 0.25;
    /** Consecutive probes the Vector API kernel must win before it takes every call. */
    static final int WINS_TO_SWITCH = 2;
    /** Whether any plain-loop warm-up is allowed (the small kernels' switch). */
    static final boolean ENABLED = SmallKernels.ELEMENTS != 0;

    private volatile boolean warm = !ENABLED;
    private volatile long plainNanos;
    private volatile long vectorNanos;
    /** Last measured nanoseconds per weighted unit of each kernel (0: not yet measured). */
    private volatile double plainRate;
    private volatile double vectorRate;
    private volatile int wins;

    /** Whether the Vector API kernel has won (or the rule is off) and takes every call from now on. */
    boolean warm() {
        return warm;
    }

    /**
     * How many leading units of a call of {@code units} (each of {@code unitCost}) the Vector API kernel takes: 0
     * while its budget is spent, else a multiple of {@code granule} that leaves at least one granule to the plain
     * loop (so that a probe is timed against it in the same call); a call of fewer than two granules is probed
     * whole, against the plain loop's last rate. {@code units} when {@link #warm()}.
     */
    int vectorUnits(int units, long unitCost, int granule) {
        if (warm) {
            return units;
        }
        double budget = PROBE_SHARE * plainNanos - vectorNanos;
        if (plainNanos == 0 || budget <= 0) {
            return 0;
        }
        if (units < 2 * granule) {
            return vectorRate == 0 || budget >= vectorRate * units * unitCost ? units : 0;
        }
        if (vectorRate == 0) {
            return granule;
        }
        long n = (long) (budget / (vectorRate * unitCost)) / granule * granule;
        return n < granule ? 0 : (int) Math.min(n, (units - granule) / granule * granule);
    }

    /** Records one call: {@code vectorUnits} units took {@code vectorTime} ns, the rest {@code plainTime} ns. */
    void record(int units, int vectorUnits, long unitCost, long vectorTime, long plainTime) {
        if (warm) {
            return;
        }
        if (vectorUnits < units) {
            plainNanos += plainTime;
            plainRate = (double) plainTime / ((double) (units - vectorUnits) * unitCost);
        }
        if (vectorUnits > 0) {
            vectorNanos += vectorTime;
            vectorRate = (double) vectorTime / ((double) vectorUnits * unitCost);
            if (plainRate > 0 && vectorRate < plainRate) {
                if (++wins >= WINS_TO_SWITCH) {
                    warm = true;
                }
            } else {
                wins = 0;
            }
        }
    }
}
