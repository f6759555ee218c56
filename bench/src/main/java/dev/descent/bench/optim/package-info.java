/**
 * One optimizer step (SGD with momentum, Adam) over large parameters: the fused backend kernel plus the
 * optimizer's host bookkeeping, reported as steps per second and bytes moved per second.
 */
package dev.descent.bench.optim;
