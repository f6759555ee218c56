/**
 * The backward functions of {@link dev.descent.tensor.Tensor}'s differentiable operations, one class per op
 * family: elementwise unary ({@link dev.descent.autograd.functions.UnaryBackward}), broadcasting binary
 * ({@link dev.descent.autograd.functions.BinaryBackward}), reductions, softmax, matrix products, layout
 * (reshape, permute, broadcast, copies) and indexing (slice, row gather/scatter, concat). Each formula is
 * written with ordinary tensor operations, so it runs on every backend and uses only existing SPI kernels.
 *
 * <p>Not exported: {@code Tensor} creates these nodes; users see them only as {@link dev.descent.autograd.Node}.
 */
package dev.descent.autograd.functions;
