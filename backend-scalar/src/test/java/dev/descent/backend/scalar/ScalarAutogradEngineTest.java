package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.autograd.checks.AutogradEngineChecks;
import dev.descent.spi.Backend;

/** {@link AutogradEngineChecks} on the scalar backend. */
class ScalarAutogradEngineTest extends AutogradEngineChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
