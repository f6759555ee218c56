package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.conformance.BackendConformanceTest;
import dev.descent.spi.Backend;

/** The TornadoVM backend against core's {@code BackendConformanceTest} (run on PoCL in development). */
class TornadoVmConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend backend() {
        return Backends.get("tornadovm");
    }
}
