package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.io.checks.PredictorChecks;
import dev.descent.spi.Backend;

/** {@link PredictorChecks} on the scalar backend. */
class ScalarPredictorTest extends PredictorChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
