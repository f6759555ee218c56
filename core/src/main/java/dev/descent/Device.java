package dev.descent;

import dev.descent.spi.Backend;

/**
 * Where tensors live and run: the handle an ordinary program passes to tensor factories, layers, data loaders,
 * model files and the trainer, as a PyTorch program passes a {@code torch.device}. Get one with {@link #best()}
 * (the run-time choice) or {@link #named(String)}; nothing else is needed to use descent, and nothing in
 * {@code dev.descent.spi} (the interface backend authors implement) has to be imported.
 *
 * <p>Every device is a compute backend: the interface is sealed, and its only subtype is
 * {@link dev.descent.spi.Backend}, so a {@code Backend} can be passed wherever a {@code Device} is asked for,
 * and core turns a {@code Device} back into its backend with {@link Backend#of(Device)}. Devices are created
 * once per JVM and shared ({@code Device.named("scalar") == Device.named("scalar")}); they are thread-safe.
 * Tensors of different devices do not mix in one operation; {@code tensor.to(device)} copies across.
 */
public sealed interface Device permits Backend {
    /**
     * The device this run should use, as {@code -Ddescent.backend=NAME}, else the environment variable
     * {@code DESCENT_BACKEND}, else the fastest backend available on this machine decides (the same choice as
     * {@link Backends#getDefault()}; it is logged once at INFO, with the reason).
     *
     * @return the chosen device, created on first use
     * @throws BackendUnavailableException if the property or variable names a backend that is unknown or
     *                                     unavailable here, or no backend is available at all; the message lists
     *                                     every provider with its reason
     */
    static Device best() {
        return Backends.getDefault();
    }

    /**
     * The device of the backend called {@code name} (case-insensitive), e.g. {@code "scalar"}, {@code "vector"}
     * or {@code "tornadovm"}: an explicit choice, obeyed or refused, never replaced by another backend.
     *
     * @param name a provider name, as {@code descent backends} lists them
     * @return that device, created on first use
     * @throws BackendUnavailableException if no provider has that name or it is unavailable here; the message
     *                                     lists every provider with its reason
     */
    static Device named(String name) {
        return Backends.get(name);
    }

    /**
     * The backend's provider name, e.g. {@code vector}: the name {@link #named(String)} and
     * {@code -Ddescent.backend} accept.
     *
     * @return the name, lower case
     */
    String name();

    /**
     * One line saying what this device is, e.g. {@code vector on cpu, 2 threads, 512-bit vectors}: the name and
     * the backend's description of its hardware and resources, as in descent's INFO line.
     *
     * @return the name, {@code " on "} and the device description
     */
    default String describe() {
        return name() + " on " + Backend.of(this).device();
    }
}
