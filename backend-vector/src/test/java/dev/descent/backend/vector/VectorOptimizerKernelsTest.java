package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.spi.OptimizerKernels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector backend offers its own fused optimizer kernels, so optimizers do not fall back to the reference. */
class VectorOptimizerKernelsTest {
    @Test
    void vectorBackendHasFusedOptimizerKernels() {
        Backend vector = Backends.get("vector");
        assertThat(vector.optimizerKernel(OptimizerKernels.class)).isInstanceOf(VectorOptimizerKernels.class);
    }
}
