/**
 * The op layer: every tensor operation defined once, by family, with its shape rule (checks and result shape,
 * with messages that name the operation and the shapes), the backend kernel it dispatches to, and its gradient
 * rule (the {@code *Backward} nodes beside it). {@link dev.descent.tensor.Tensor} is a thin front over these
 * classes; {@link dev.descent.ops.Kernels} is the single point where they reach the backend, which is what lets a
 * training step be captured into a graph ({@code dev.descent.compile}).
 *
 * <p>Families: {@link dev.descent.ops.Creation}, {@link dev.descent.ops.Elementwise},
 * {@link dev.descent.ops.Reductions}, {@link dev.descent.ops.LinearAlgebra}, {@link dev.descent.ops.Layout},
 * {@link dev.descent.ops.Indexing}; shared checks in {@link dev.descent.ops.Checks}. Not exported: users call
 * {@code Tensor}'s methods.
 */
package dev.descent.ops;
