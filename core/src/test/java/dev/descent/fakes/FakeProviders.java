package dev.descent.fakes;

import dev.descent.spi.Availability;
import dev.descent.spi.Backend;
import dev.descent.spi.BackendProvider;

/**
 * Test-only backend providers, registered in core's test {@code META-INF/services} so that discovery and
 * selection in {@link dev.descent.Backends} can be tested without a backend module: one of every kind a user
 * may meet (available, unavailable with a reason, a probe that throws, a create that throws, a class that
 * cannot even be instantiated). Excluded from the published test jar, so backend modules never see them.
 */
public final class FakeProviders {
    private FakeProviders() {
    }

    /** Available, lowest priority: what automatic selection falls back to in core's tests. */
    public static final class Available implements BackendProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int priority() {
            return -10;
        }

        @Override
        public Availability probe() {
            return Availability.available("always here (test double)");
        }

        @Override
        public String device() {
            return "nothing, 0 threads";
        }

        @Override
        public Backend create() {
            return new FakeBackend("fake");
        }
    }

    /** Unavailable with a reason a person can act on; highest priority, so selection must skip it. */
    public static final class Unavailable implements BackendProvider {
        @Override
        public String name() {
            return "fake-missing";
        }

        @Override
        public int priority() {
            return 50;
        }

        @Override
        public Availability probe() {
            return Availability.unavailable("needs the fake accelerator; start the JVM with -Dfake.accelerator=on");
        }

        @Override
        public String device() {
            return "fake accelerator";
        }

        @Override
        public Backend create() {
            throw new AssertionError("create() called on an unavailable provider");
        }
    }

    /** A probe that breaks its contract by throwing: discovery must turn that into a reason. */
    public static final class BrokenProbe implements BackendProvider {
        @Override
        public String name() {
            return "fake-broken";
        }

        @Override
        public int priority() {
            return 40;
        }

        @Override
        public Availability probe() {
            throw new IllegalStateException("probe exploded");
        }

        @Override
        public String device() {
            return "fake gpu";
        }

        @Override
        public Backend create() {
            throw new AssertionError("create() called after a failed probe");
        }
    }

    /** Probes fine but fails to start: an explicit choice must fail loudly, the automatic one move on. */
    public static final class FailingCreate implements BackendProvider {
        @Override
        public String name() {
            return "fake-failing";
        }

        @Override
        public int priority() {
            return 30;
        }

        @Override
        public Availability probe() {
            return Availability.available("looks fine until started");
        }

        @Override
        public String device() {
            return "fake device";
        }

        @Override
        public Backend create() {
            throw new IllegalStateException("device lost during start");
        }
    }

    /** Cannot be instantiated: ServiceLoader reports a ServiceConfigurationError for it. */
    public static final class Unloadable implements BackendProvider {
        public Unloadable() {
            throw new IllegalStateException("static setup failed");
        }

        @Override
        public String name() {
            return "fake-unloadable";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public Availability probe() {
            return Availability.available("never reached");
        }

        @Override
        public String device() {
            return "none";
        }

        @Override
        public Backend create() {
            throw new AssertionError("never reached");
        }
    }
}
