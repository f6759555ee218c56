/**
 * descent's core: float32 tensors, the backend SPI that compute backends implement, and backend discovery.
 *
 * <p>Backends are separate modules that {@code provide} {@link dev.descent.spi.BackendProvider}; they are found
 * with {@link java.util.ServiceLoader} on the module path and, through {@code META-INF/services}, on the class
 * path.
 */
module dev.descent.core {
    exports dev.descent;
    exports dev.descent.tensor;
    exports dev.descent.spi;
    exports dev.descent.data;
    exports dev.descent.io;

    uses dev.descent.spi.BackendProvider;
}
