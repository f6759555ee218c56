package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.io.checks.PredictorChecks;

/** {@link PredictorChecks} on the vector backend. */
class VectorPredictorTest extends PredictorChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
