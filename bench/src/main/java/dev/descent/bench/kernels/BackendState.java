package dev.descent.bench.kernels;

import dev.descent.Backends;
import dev.descent.spi.Backend;
import dev.descent.spi.Storage;

import java.util.SplittableRandom;

/** Shared set-up of the kernel benchmarks: the backend by name and seeded random storages. */
final class BackendState {
    private BackendState() {
    }

    static Backend backend(String name) {
        return Backends.get(name);
    }

    static Storage random(Backend backend, int n, long seed, float scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return backend.upload(x, 0, n);
    }
}
