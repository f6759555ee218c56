package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.compile.checks.CompiledStepChecks;
import dev.descent.spi.Backend;

/** {@link CompiledStepChecks} on the scalar backend. */
class ScalarCompiledStepTest extends CompiledStepChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
