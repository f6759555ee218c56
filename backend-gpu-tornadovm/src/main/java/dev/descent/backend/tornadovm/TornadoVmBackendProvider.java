package dev.descent.backend.tornadovm;

import dev.descent.spi.Availability;
import dev.descent.spi.Backend;
import dev.descent.spi.BackendProvider;

/**
 * Registers the TornadoVM backend under the name {@code tornadovm}. It ranks above the CPU backends
 * (priority 50): a JVM launched with TornadoVM's argfile on a machine with a device is asking for it.
 *
 * <p>The probe runs in two steps so that no TornadoVM class is linked unless the runtime is there: first
 * {@link LaunchCheck} reads the {@code tornado.load.*} properties that TornadoVM's argfile sets; only when they
 * are present does it call {@link TornadoVmRuntime}, the one class that touches TornadoVM's API, to look for a
 * device. Every failure becomes an unavailable reason; the probe never throws. The outcome is computed once.
 *
 * <p>Thread-safe.
 */
public final class TornadoVmBackendProvider implements BackendProvider {
    static final String NAME = "tornadovm";

    private volatile Availability availability;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Availability probe() {
        Availability result = availability;
        if (result == null) {
            result = probeOnce();
            availability = result;
        }
        return result;
    }

    private static Availability probeOnce() {
        try {
            Availability launch = LaunchCheck.check(System::getProperty, System::getenv);
            if (launch != null) {
                return launch;
            }
            return TornadoVmRuntime.probeDevices();
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("TornadoVM failed to start: " + e);
        }
    }

    @Override
    public String device() {
        Availability result = probe();
        return result.available() ? TornadoVmRuntime.deviceDescription() : "gpu or accelerator through TornadoVM";
    }

    @Override
    public Backend create() {
        Availability result = probe();
        if (!result.available()) {
            throw new IllegalStateException("tornadovm backend is unavailable: " + result.reason());
        }
        return TornadoVmRuntime.createBackend();
    }
}
