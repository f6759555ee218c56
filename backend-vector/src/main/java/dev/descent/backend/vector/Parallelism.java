package dev.descent.backend.vector;

/**
 * Sizes (in elements) from which a kernel is split over the {@link WorkerPool}; below them it runs on the
 * calling thread, because waking a second thread costs more than it saves. First set from the guide's measured
 * hand-off cost (~50 us to wake a parked thread) and the kernels' single-thread speed; a 1- versus 2-thread JMH
 * sweep around them (bench/README.md, "Thresholds") found GEMM crossing over at or below 4 MFLOP and dot gaining
 * 2x at 1M, but was too loaded (load average 9 on 2 cores) to place the elementwise and transcendental crossovers,
 * so they are unchanged. Workers spin briefly between jobs, so back-to-back parallel kernels pay far less than a
 * full wake-up.
 */
final class Parallelism {
    /** Cheap elementwise ops (one or two flops per element: memory bound). */
    static final int ELEMENTWISE = 1 << 17;
    /** Transcendental elementwise ops (exp, log, tanh, sigmoid, pow: ~20-40 flops per element). */
    static final int TRANSCENDENTAL = 1 << 14;
    /** Reductions, dot products and softmax over all their elements. */
    static final int REDUCE = 1 << 17;
    /** Elements per parallel task of an elementwise op (a multiple of every vector length). */
    static final int CHUNK = 1 << 14;

    private Parallelism() {
    }
}
