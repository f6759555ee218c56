package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.autograd.checks.AutogradMemoryChecks;
import dev.descent.spi.Backend;

/** {@link AutogradMemoryChecks} on the scalar backend. */
class ScalarAutogradMemoryTest extends AutogradMemoryChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
