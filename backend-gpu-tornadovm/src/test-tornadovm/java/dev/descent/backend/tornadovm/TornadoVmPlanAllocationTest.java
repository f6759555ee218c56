package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanAllocationChecks;
import dev.descent.spi.Backend;

/** {@link PlanAllocationChecks} on the tornadovm backend. */
class TornadoVmPlanAllocationTest extends PlanAllocationChecks {
    /**
     * The checks run the step through a counting wrapper backend, whose {@code compile} is core's interpreter: each
     * node is its own TornadoVM launch, and the TornadoVM runtime allocates Java objects per launch (about 300 KB
     * per step of this MLP on PoCL, measured): allocations of the runtime, not of the plan. Storage stays 0. The
     * backend's own compile (one launch per step) is measured by {@link DeviceStepAllocationTest}.
     */
    @Override
    protected double heapBytesPerStepBound() {
        return 1 << 20;
    }

    @Override
    protected Backend backend() {
        return Backends.get("tornadovm");
    }
}
