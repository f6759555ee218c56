/**
 * descent's Vector API backend: every kernel on {@code jdk.incubator.vector} SIMD lanes, large ones on all cores.
 *
 * <p>The provider itself never links the incubator module, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} sees it as unavailable (with that fix in its reason) instead of
 * failing.
 */
module dev.descent.backend.vector {
    requires dev.descent.core;
    requires jdk.incubator.vector;

    provides dev.descent.spi.BackendProvider with dev.descent.backend.vector.VectorBackendProvider;
}
