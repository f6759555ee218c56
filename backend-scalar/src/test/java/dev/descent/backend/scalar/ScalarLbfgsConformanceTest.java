package dev.descent.backend.scalar;

import dev.descent.conformance.LbfgsConformanceTest;
import dev.descent.spi.Backend;

/** The L-BFGS conformance suite on the scalar backend. */
class ScalarLbfgsConformanceTest extends LbfgsConformanceTest {
    @Override
    protected Backend backend() {
        return new ScalarBackend();
    }
}
