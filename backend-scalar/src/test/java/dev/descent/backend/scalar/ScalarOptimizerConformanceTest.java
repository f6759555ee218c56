package dev.descent.backend.scalar;

import dev.descent.conformance.OptimizerConformanceTest;
import dev.descent.spi.Backend;

/**
 * The optimizer conformance suite on the scalar backend, whose fused kernels and the reference updates do the same
 * float32 operations in the same order (one rounding each, no FMA contraction), so they must agree bit for bit.
 */
class ScalarOptimizerConformanceTest extends OptimizerConformanceTest {
    @Override
    protected Backend backend() {
        return new ScalarBackend();
    }

    @Override
    protected boolean fusedKernelsAreBitIdenticalToTheReference() {
        return true;
    }
}
