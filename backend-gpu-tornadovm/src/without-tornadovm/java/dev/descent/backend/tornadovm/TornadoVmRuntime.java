package dev.descent.backend.tornadovm;

import dev.descent.spi.Availability;
import dev.descent.spi.Backend;

/**
 * The bridge to TornadoVM in a build without TornadoVM (the default): the kernels were not compiled into this
 * jar, so the backend is unavailable even in a JVM launched with TornadoVM's argfile. The build with the
 * {@code tornadovm} profile replaces this class with one that uses TornadoVM's API.
 */
final class TornadoVmRuntime {
    private TornadoVmRuntime() {
    }

    static Availability probeDevices() {
        return Availability.unavailable("this descent-backend-gpu-tornadovm jar was built without TornadoVM: "
                + "rebuild it with TornadoVM installed (./build.sh -Ptornadovm install, or set TORNADOVM_HOME "
                + "before building; see the README, section GPU backend (TornadoVM))");
    }

    static String deviceDescription() {
        return "none (built without TornadoVM)";
    }

    static Backend createBackend() {
        throw new IllegalStateException(probeDevices().reason());
    }
}
