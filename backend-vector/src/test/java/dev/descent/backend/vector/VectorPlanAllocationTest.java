package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanAllocationChecks;
import dev.descent.spi.Backend;

/** {@link PlanAllocationChecks} on the vector backend. */
class VectorPlanAllocationTest extends PlanAllocationChecks {
    /**
     * The vector kernels box Vector API values on some paths (about 2 KB per step of this MLP measured with
     * JFR on an AVX-512 machine: FloatVector lanewise and broadcast temporaries, and two int[] of Gemm.strides):
     * allocations of the kernels, not of the plan, which allocates nothing on the scalar backend. Storage stays 0.
     */
    @Override
    protected double heapBytesPerStepBound() {
        return 4096;
    }

    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
