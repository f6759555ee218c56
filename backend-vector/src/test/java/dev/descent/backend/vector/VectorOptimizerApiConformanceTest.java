package dev.descent.backend.vector;

import dev.descent.conformance.OptimizerApiConformanceTest;
import dev.descent.spi.Backend;

/** The optimizer API suite on the vector backend. */
class VectorOptimizerApiConformanceTest extends OptimizerApiConformanceTest {
    @Override
    protected Backend backend() {
        return new VectorBackend();
    }
}
