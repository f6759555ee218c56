package dev.descent.backend.scalar;

import dev.descent.conformance.OptimizerConformanceTest;
import dev.descent.spi.Backend;

/** The optimizer conformance suite on the scalar backend. */
class ScalarOptimizerConformanceTest extends OptimizerConformanceTest {
    @Override
    protected Backend backend() {
        return new ScalarBackend();
    }
}
