package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.spi.ComposedOptimizerKernels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector backend supplies its own fused optimizer kernels instead of core's composed fallback. */
class VectorOptimizerKernelsTest {
    @Test
    void vectorBackendHasFusedOptimizerKernels() {
        Backend vector = Backends.get("vector");
        assertThat(vector.optimizerKernels()).isInstanceOf(VectorOptimizerKernels.class)
                .isNotInstanceOf(ComposedOptimizerKernels.class);
    }
}
