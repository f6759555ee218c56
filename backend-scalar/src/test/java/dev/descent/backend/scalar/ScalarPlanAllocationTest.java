package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanAllocationChecks;
import dev.descent.spi.Backend;

/** {@link PlanAllocationChecks} on the scalar backend. */
class ScalarPlanAllocationTest extends PlanAllocationChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
