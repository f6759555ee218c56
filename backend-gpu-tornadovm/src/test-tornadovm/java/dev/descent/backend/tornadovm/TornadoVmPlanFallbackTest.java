package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanFallbackChecks;
import dev.descent.spi.Backend;

/** {@link PlanFallbackChecks} on the tornadovm backend. */
class TornadoVmPlanFallbackTest extends PlanFallbackChecks {
    @Override
    protected Backend backend() {
        return Backends.get("tornadovm");
    }
}
