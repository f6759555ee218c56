package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.nn.checks.LayerAndLossChecks;
import dev.descent.spi.Backend;

/** {@link LayerAndLossChecks} on the scalar backend. */
class ScalarLayerAndLossTest extends LayerAndLossChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
