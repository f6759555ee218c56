package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.autograd.checks.AutogradGradientChecks;
import dev.descent.spi.Backend;

/** {@link AutogradGradientChecks} on the scalar backend. */
class ScalarAutogradGradientTest extends AutogradGradientChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
