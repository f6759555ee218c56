package dev.descent.bench.report;

/**
 * One line of a report table: what ran (suite, op, size, backend or peer), JMH's score, and what it means
 * (a rate in GFLOP/s, GB/s or samples/s, the fraction of this machine's limit, the speed-up over the scalar
 * backend on the same work). Values that do not apply are NaN.
 *
 * @param suite     the report section
 * @param op        the operation, e.g. {@code gemm NN}
 * @param size      the problem size as shown, e.g. {@code n=1024}
 * @param sizeKey   the size as a number, for sorting and charts
 * @param backend   the backend name, or a peer's label
 * @param peer      whether this line is a peer's figure rather than a descent backend's
 * @param score     JMH's primary score (a peer's rate)
 * @param error     JMH's error, NaN when unknown
 * @param unit      the score's unit
 * @param rate      the derived rate, NaN when none
 * @param rateUnit  the rate's unit, or an empty string
 * @param limit     the rate as a fraction of the machine limit (0.5 = 50%), NaN when none applies
 * @param speedup   this backend's speed-up over scalar on the same work, NaN for scalar itself or peers
 */
record Row(Suite suite, String op, String size, long sizeKey, String backend, boolean peer, double score,
           double error, String unit, double rate, String rateUnit, double limit, double speedup) {

    /** The report sections, in order. */
    enum Suite {
        PROBE("Machine probe"),
        GEMM("GEMM"),
        BLAS1("dot and axpy"),
        ELEMENTWISE("Elementwise, activations and softmax"),
        REDUCTION("Reductions and row gather"),
        OPTIMIZER("Optimizer steps"),
        AUTOGRAD("Autograd overhead"),
        TRAINING("Training"),
        OTHER("Other benchmarks");

        final String title;

        Suite(String title) {
            this.title = title;
        }
    }

    Row withSpeedup(double value) {
        return new Row(suite, op, size, sizeKey, backend, peer, score, error, unit, rate, rateUnit, limit, value);
    }
}
