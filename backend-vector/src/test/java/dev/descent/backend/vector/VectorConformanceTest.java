package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.conformance.BackendConformanceTest;
import dev.descent.spi.Backend;

/** {@link BackendConformanceTest} on the vector backend. */
class VectorConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
