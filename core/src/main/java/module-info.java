/**
 * descent's core: float32 tensors, the backend SPI that compute backends implement, backend discovery,
 * automatic differentiation ({@code dev.descent.autograd}), and layers and losses ({@code dev.descent.nn}).
 *
 * <p>Backends are separate modules that {@code provide} {@link dev.descent.spi.BackendProvider}; they are found
 * with {@link java.util.ServiceLoader} on the module path and, through {@code META-INF/services}, on the class
 * path.
 */
module dev.descent.core {
    exports dev.descent;
    exports dev.descent.tensor;
    exports dev.descent.spi;
    exports dev.descent.autograd;
    exports dev.descent.nn;
    exports dev.descent.data;
    exports dev.descent.io;
    exports dev.descent.optim;
    exports dev.descent.train;
    exports dev.descent.optim.schedule;
    exports dev.descent.compile;

    uses dev.descent.spi.BackendProvider;

    // Backends.describe() reads HotSpot's MaxVectorSize through it when present; never needed to run.
    requires static java.management;
    requires static jdk.management;
}
