package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.train.checks.TrainingMemoryChecks;

/** {@link TrainingMemoryChecks} on the vector backend. */
class VectorTrainingMemoryTest extends TrainingMemoryChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
