/**
 * End-to-end training benchmarks on the data recipe of {@code shared/peers/py/train.py} (linear and logistic
 * regression on 1,000,000 x 64 with SGD batch 256; an MLP 784-256-10 with Adam batch 128 on 60,000 samples),
 * through descent's public API, and the same linear models' steps written as bare backend kernel calls, whose
 * difference is the per-step overhead of autograd and the optimizer.
 */
package dev.descent.bench.train;
