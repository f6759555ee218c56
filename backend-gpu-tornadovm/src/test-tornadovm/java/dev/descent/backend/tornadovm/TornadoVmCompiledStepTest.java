package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.compile.checks.CompiledStepChecks;
import dev.descent.spi.Backend;

/** {@link CompiledStepChecks} on the tornadovm backend. */
class TornadoVmCompiledStepTest extends CompiledStepChecks {
    @Override
    protected Backend backend() {
        return Backends.get("tornadovm");
    }
}
