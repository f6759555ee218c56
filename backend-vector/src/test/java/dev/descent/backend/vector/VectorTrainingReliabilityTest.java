package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.train.checks.TrainingReliabilityChecks;

/** {@link TrainingReliabilityChecks} on the vector backend. */
class VectorTrainingReliabilityTest extends TrainingReliabilityChecks {
    @Override
    protected Backend backend() {
        return Backends.get("vector");
    }
}
