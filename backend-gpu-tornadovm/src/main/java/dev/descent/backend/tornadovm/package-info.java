/**
 * The TornadoVM backend: tensors held in device memory and kernels compiled by TornadoVM for GPUs and other
 * OpenCL, PTX or SPIR-V devices.
 *
 * <p>The package is compiled from two source roots. {@code src/main/java} (always built) holds the provider,
 * the launch check and the device arena's bookkeeping, which use no TornadoVM class. {@code TornadoVmRuntime}, the bridge that the provider calls
 * only after the launch check passed, comes in two variants: {@code src/without-tornadovm} (the default build:
 * it reports that the jar was built without kernels) and {@code src/with-tornadovm} (the {@code tornadovm} Maven
 * profile: the real backend, its task graphs and kernels).
 */
package dev.descent.backend.tornadovm;
