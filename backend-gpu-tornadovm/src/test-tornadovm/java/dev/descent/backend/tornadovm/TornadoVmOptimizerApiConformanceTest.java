package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.conformance.OptimizerApiConformanceTest;
import dev.descent.spi.Backend;

/** The TornadoVM backend against core's {@code OptimizerApiConformanceTest} (run on PoCL in development). */
class TornadoVmOptimizerApiConformanceTest extends OptimizerApiConformanceTest {
    @Override
    protected Backend backend() {
        return Backends.get("tornadovm");
    }
}
