package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.conformance.OptimizerConformanceTest;
import dev.descent.spi.Backend;

/** The TornadoVM backend against core's {@code OptimizerConformanceTest} (run on PoCL in development). */
class TornadoVmOptimizerConformanceTest extends OptimizerConformanceTest {
    @Override
    protected Backend backend() {
        return Backends.get("tornadovm");
    }
}
