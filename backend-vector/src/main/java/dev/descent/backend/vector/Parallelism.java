package dev.descent.backend.vector;

/**
 * Sizes (in elements) from which a kernel is split over the {@link WorkerPool}; below them it runs on the
 * calling thread, because waking a second thread costs more than it saves. Measured on a 2-core AVX-512 VM
 * (bench/README.md); with workers that spin briefly between jobs a hand-off costs a few microseconds when they
 * are awake and tens when they are parked.
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
