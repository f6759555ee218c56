/**
 * The fixed cost of autograd per recorded operation and per training step of a tiny model, where bookkeeping
 * rather than arithmetic decides the time: what dominates small models.
 */
package dev.descent.bench.autograd;
