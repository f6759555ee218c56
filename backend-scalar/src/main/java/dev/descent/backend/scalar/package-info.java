/**
 * The scalar backend: the reference implementation of {@link dev.descent.spi.Backend} in plain loops over heap
 * {@code float[]} arrays, on the calling thread. Kernels are grouped by kind: {@code ScalarElementwise},
 * {@code ScalarReductions}, {@code ScalarGemm}; {@code ScalarBackend} wires them to the SPI.
 */
package dev.descent.backend.scalar;
