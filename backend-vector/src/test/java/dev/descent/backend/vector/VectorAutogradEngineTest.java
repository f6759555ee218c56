package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.autograd.checks.AutogradEngineChecks;
import dev.descent.spi.Backend;

/** {@link AutogradEngineChecks} on the vector backend. */
class VectorAutogradEngineTest extends AutogradEngineChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
