package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.nn.checks.LayerAndLossChecks;
import dev.descent.spi.Backend;

/** {@link LayerAndLossChecks} on the vector backend. */
class VectorLayerAndLossTest extends LayerAndLossChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
