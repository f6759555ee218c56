package dev.descent.backend.vector;

import dev.descent.conformance.LbfgsConformanceTest;
import dev.descent.spi.Backend;

/** The L-BFGS conformance suite on the vector backend. */
class VectorLbfgsConformanceTest extends LbfgsConformanceTest {
    @Override
    protected Backend backend() {
        return new VectorBackend();
    }
}
