package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.compile.checks.PlanAllocationChecks;
import dev.descent.spi.Backend;

/** {@link PlanAllocationChecks} on the vector backend. */
class VectorPlanAllocationTest extends PlanAllocationChecks {
    /**
     * The vector kernels box Vector API values until C2 has compiled them, and on some paths after (measured with
     * JFR on an AVX-512 machine: about 30 KB per step of this MLP after the suite's short warm-up, 2 KB after
     * 100,000 steps: FloatVector lanewise and broadcast temporaries, and the int[] of Gemm.strides). These are the
     * kernels' allocations, not the plan's, which allocates nothing on the scalar backend; storage stays 0 here.
     */
    @Override
    protected double heapBytesPerStepBound() {
        return 65536;
    }

    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
