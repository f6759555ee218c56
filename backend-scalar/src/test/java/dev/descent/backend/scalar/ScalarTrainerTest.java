package dev.descent.backend.scalar;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.train.checks.TrainerChecks;

/** {@link TrainerChecks} on the scalar backend. */
class ScalarTrainerTest extends TrainerChecks {
    @Override
    protected Backend backend() {
        return Backends.get("scalar");
    }
}
