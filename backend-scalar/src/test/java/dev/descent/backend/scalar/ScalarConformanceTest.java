package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.conformance.BackendConformanceTest;
import dev.descent.spi.Backend;

/** The scalar backend against core's conformance suite. */
class ScalarConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
