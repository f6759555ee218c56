/**
 * What a compute backend implements: a {@link dev.descent.spi.BackendProvider} found by
 * {@link java.util.ServiceLoader}, and the {@link dev.descent.spi.Backend} kernel interface that
 * {@link dev.descent.tensor.Tensor} calls.
 *
 * <p>The kernel interface is deliberately small: memory (allocate, upload, download, fill, strided copy),
 * elementwise maps and broadcasting binary ops, reductions and softmax along one axis of an
 * {@code [outer, length, inner]} view, GEMM, and row gather/scatter. All shape checking, broadcasting analysis
 * and dimension collapsing happen in {@code core} before a kernel is called, so kernels may trust their
 * arguments. {@link dev.descent.spi.StridedLoops} helps backends walk broadcast and strided layouts.
 */
package dev.descent.spi;
