package dev.descent.backend.vector;

import dev.descent.conformance.OptimizerConformanceTest;
import dev.descent.spi.Backend;

/** The optimizer conformance suite on the vector backend (its fused optimizer kernels against float64 and against the reference updates). */
class VectorOptimizerConformanceTest extends OptimizerConformanceTest {
    @Override
    protected Backend backend() {
        return new VectorBackend();
    }
}
