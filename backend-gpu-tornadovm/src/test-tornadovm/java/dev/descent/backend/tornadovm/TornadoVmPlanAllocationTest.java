package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanAllocationChecks;
import dev.descent.spi.Backend;

/** {@link PlanAllocationChecks} on the tornadovm backend. */
class TornadoVmPlanAllocationTest extends PlanAllocationChecks {
    @Override
    protected Backend backend() {
        return Backends.get("tornadovm");
    }
}
