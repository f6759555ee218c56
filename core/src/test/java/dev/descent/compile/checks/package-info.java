/**
 * The execution-plan semantics suites every backend runs (one-line subclasses per backend): a replayed step is
 * bit-identical to the eager step, steady-state replay allocates nothing, and what cannot be captured falls back.
 */
package dev.descent.compile.checks;
