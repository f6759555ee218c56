package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.train.checks.TrainingReliabilityChecks;

/** {@link TrainingReliabilityChecks} on the scalar backend. */
class ScalarTrainingReliabilityTest extends TrainingReliabilityChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
