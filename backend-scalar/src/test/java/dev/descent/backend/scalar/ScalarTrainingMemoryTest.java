package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.train.checks.TrainingMemoryChecks;

/** {@link TrainingMemoryChecks} on the scalar backend. */
class ScalarTrainingMemoryTest extends TrainingMemoryChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
