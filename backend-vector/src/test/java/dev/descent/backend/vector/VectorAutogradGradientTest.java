package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.autograd.checks.AutogradGradientChecks;
import dev.descent.spi.Backend;

/** {@link AutogradGradientChecks} on the vector backend. */
class VectorAutogradGradientTest extends AutogradGradientChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
