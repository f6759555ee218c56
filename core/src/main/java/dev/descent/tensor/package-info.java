/**
 * Float32 tensors: {@link dev.descent.tensor.Tensor} (values held by a backend, operated on through it),
 * {@link dev.descent.tensor.Shape} (dimensions and broadcasting rules) and
 * {@link dev.descent.tensor.SeededRandom} (the portable generator behind every random tensor, so the same seed
 * gives the same numbers on every backend).
 */
package dev.descent.tensor;
