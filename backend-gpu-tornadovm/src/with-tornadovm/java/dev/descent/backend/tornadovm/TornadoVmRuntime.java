package dev.descent.backend.tornadovm;

import dev.descent.spi.Availability;
import dev.descent.spi.Backend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * The bridge from the provider to TornadoVM, in the build with TornadoVM: the only class the provider calls that
 * names TornadoVM types, and it does so only after {@link LaunchCheck} found TornadoVM's launcher properties.
 */
final class TornadoVmRuntime {
    private TornadoVmRuntime() {
    }

    static Availability probeDevices() {
        TornadoRuntime runtime = TornadoRuntimeProvider.getTornadoRuntime();
        if (runtime.getNumBackends() == 0) {
            return Availability.unavailable("TornadoVM found no backend: check its driver (clinfo lists OpenCL "
                    + "devices; TornadoVM's `tornado --devices` lists what it sees)");
        }
        TornadoDevice device = runtime.getDefaultDevice();
        if (device == null) {
            return Availability.unavailable("TornadoVM found no device: check the drivers with `tornado --devices`");
        }
        return Availability.available("TornadoVM " + runtime.getBackendType(0) + " on "
                + device.getPhysicalDevice().getDeviceName() + "; tensors stay in device memory");
    }

    static String deviceDescription() {
        TornadoDevice device = TornadoRuntimeProvider.getTornadoRuntime().getDefaultDevice();
        return device.getPhysicalDevice().getDeviceName() + " (" + device.getPlatformName().trim() + ", "
                + device.getDeviceName() + ")";
    }

    static Backend createBackend() {
        return new TornadoVmBackend(deviceDescription(), DeviceArena.configuredCapacity());
    }
}
