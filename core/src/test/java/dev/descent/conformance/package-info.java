/**
 * The backend conformance suite, published in {@code descent-core}'s test jar: extend
 * {@link dev.descent.conformance.BackendConformanceTest} in a backend module to check that backend against a
 * float64 {@link dev.descent.conformance.Reference} under the bounds of
 * {@link dev.descent.conformance.Tolerance}.
 */
package dev.descent.conformance;
