package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanFallbackChecks;
import dev.descent.spi.Backend;

/** {@link PlanFallbackChecks} on the vector backend. */
class VectorPlanFallbackTest extends PlanFallbackChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
