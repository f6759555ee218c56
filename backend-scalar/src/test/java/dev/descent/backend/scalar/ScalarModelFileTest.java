package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.io.checks.ModelFileChecks;
import dev.descent.spi.Backend;

/** {@link ModelFileChecks} on the scalar backend. */
class ScalarModelFileTest extends ModelFileChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
