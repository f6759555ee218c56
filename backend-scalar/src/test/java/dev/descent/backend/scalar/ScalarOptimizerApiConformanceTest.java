package dev.descent.backend.scalar;

import dev.descent.conformance.OptimizerApiConformanceTest;
import dev.descent.spi.Backend;

/** The optimizer API suite on the scalar backend. */
class ScalarOptimizerApiConformanceTest extends OptimizerApiConformanceTest {
    @Override
    protected Backend backend() {
        return new ScalarBackend();
    }
}
