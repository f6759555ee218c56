/**
 * The {@code vector} backend: descent's kernels on the Java Vector API ({@code jdk.incubator.vector}).
 *
 * <p>{@link dev.descent.backend.vector.VectorBackendProvider} is the only public entry point besides the backend
 * class; it probes for the incubator module without linking it. The kernels live in one class per concern:
 * {@code Elementwise} (maps, broadcasting binary ops, axpy), {@code VectorMath} (exp, log, tanh, sigmoid),
 * {@code Reductions} (sums, extremes, arg-extremes, softmax), {@code Gemm} (blocked matrix multiply and its
 * matrix-vector, dot and outer special cases) and {@code WorkerPool} (the threads large kernels run on).
 */
package dev.descent.backend.vector;
