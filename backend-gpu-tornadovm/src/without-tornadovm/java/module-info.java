/**
 * descent's TornadoVM backend, as built without TornadoVM: its provider reports why the backend is unavailable
 * and how to enable it.
 */
module dev.descent.backend.tornadovm {
    requires dev.descent.core;

    provides dev.descent.spi.BackendProvider with dev.descent.backend.tornadovm.TornadoVmBackendProvider;
}
