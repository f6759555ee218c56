/**
 * descent's reference backend: plain, single-threaded Java loops. Every other backend is checked against it.
 */
module dev.descent.backend.scalar {
    requires dev.descent.core;

    provides dev.descent.spi.BackendProvider with dev.descent.backend.scalar.ScalarBackendProvider;
}
