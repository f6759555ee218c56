/**
 * Short library programs whose whole-process time, start to result, {@code bench/startup/run.py} measures on each
 * backend: a {@link dev.descent.train.Trainer} fit with early stopping, a custom autograd loop and a first
 * single-row prediction ({@link dev.descent.bench.startup.ShortJobs}).
 */
package dev.descent.bench.startup;
