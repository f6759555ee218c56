/**
 * descent's TornadoVM backend, built with TornadoVM: tensors resident in device memory, kernels compiled by
 * TornadoVM. At run time TornadoVM's argfile supplies the {@code tornado.*} modules.
 */
module dev.descent.backend.tornadovm {
    requires dev.descent.core;
    requires tornado.api;

    provides dev.descent.spi.BackendProvider with dev.descent.backend.tornadovm.TornadoVmBackendProvider;
}
