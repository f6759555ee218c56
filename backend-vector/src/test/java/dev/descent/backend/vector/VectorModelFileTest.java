package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.io.checks.ModelFileChecks;

/** {@link ModelFileChecks} on the vector backend. */
class VectorModelFileTest extends ModelFileChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
