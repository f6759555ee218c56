/**
 * Serving benchmarks: the latency of one prediction through {@link dev.descent.io.Predictor} against the
 * module's forward pass on a backend, for the README's house model.
 */
package dev.descent.bench.serve;
