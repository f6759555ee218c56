package dev.descent.backend.scalar;

import dev.descent.spi.Availability;
import dev.descent.spi.Backend;
import dev.descent.spi.BackendProvider;

/**
 * Registers the scalar backend under the name {@code scalar}, priority 0: it runs on every JVM, so it is the
 * automatic choice only when nothing faster is available.
 */
public final class ScalarBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return ScalarBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.available("plain Java loops, runs everywhere (the reference backend)");
    }

    @Override
    public String device() {
        return ScalarBackend.DEVICE;
    }

    @Override
    public Backend create() {
        return new ScalarBackend();
    }
}
