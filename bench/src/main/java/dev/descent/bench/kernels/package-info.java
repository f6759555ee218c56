/**
 * JMH benchmarks of single backend kernels (GEMM in its four transpose variants, BLAS-1 dot and axpy,
 * elementwise activations and softmax), each parameterised by backend so that every backend's figure has its
 * scalar twin in the same run.
 */
package dev.descent.bench.kernels;
