package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanFallbackChecks;
import dev.descent.spi.Backend;

/** {@link PlanFallbackChecks} on the scalar backend. */
class ScalarPlanFallbackTest extends PlanFallbackChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
