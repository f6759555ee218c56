package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanAllocationChecks;
import dev.descent.spi.Backend;

/** {@link PlanAllocationChecks} on the tornadovm backend. */
class TornadoVmPlanAllocationTest extends PlanAllocationChecks {
    /**
     * The interpreter launches each node as its own TornadoVM kernel, and the TornadoVM runtime allocates Java
     * objects per launch (about 330 KB per step of this MLP on PoCL, measured): allocations of the runtime, not of
     * the plan. Storage stays 0. A per-step task graph (the fusing compile of the next issue) removes them.
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
