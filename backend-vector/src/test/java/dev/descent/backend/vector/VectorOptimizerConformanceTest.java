package dev.descent.backend.vector;

import dev.descent.conformance.OptimizerConformanceTest;
import dev.descent.spi.Backend;

/** The optimizer conformance suite on the vector backend (its composed optimizer kernels). */
class VectorOptimizerConformanceTest extends OptimizerConformanceTest {
    @Override
    protected Backend backend() {
        return new VectorBackend();
    }
}
