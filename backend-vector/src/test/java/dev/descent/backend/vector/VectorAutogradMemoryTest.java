package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.autograd.checks.AutogradMemoryChecks;
import dev.descent.spi.Backend;

/** {@link AutogradMemoryChecks} on the vector backend. */
class VectorAutogradMemoryTest extends AutogradMemoryChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
