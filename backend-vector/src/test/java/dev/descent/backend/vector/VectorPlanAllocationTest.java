package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanAllocationChecks;
import dev.descent.spi.Backend;

/**
 * {@link PlanAllocationChecks} on the vector backend, with the suite's bound of 64 heap bytes per step: the small
 * kernels keep their work arrays per thread and the optimizer kernels call their range loop directly when they
 * run on one thread, so no per-call array or capturing lambda remains once the callers are compiled.
 */
class VectorPlanAllocationTest extends PlanAllocationChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
