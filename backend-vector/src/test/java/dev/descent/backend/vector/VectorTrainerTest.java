package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.train.checks.TrainerChecks;

/** {@link TrainerChecks} on the vector backend. */
class VectorTrainerTest extends TrainerChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
