package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.compile.checks.CompiledStepChecks;
import dev.descent.spi.Backend;

/** {@link CompiledStepChecks} on the vector backend. */
class VectorCompiledStepTest extends CompiledStepChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
