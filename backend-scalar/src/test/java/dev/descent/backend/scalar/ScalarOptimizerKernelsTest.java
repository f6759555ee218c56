package dev.descent.backend.scalar;

import dev.descent.spi.ComposedOptimizerKernels;
import dev.descent.spi.OptimizerKernels;
import dev.descent.spi.Storage;
import dev.descent.tensor.SeededRandom;
import org.junit.jupiter.api.Test;

import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fused scalar kernels and {@link ComposedOptimizerKernels} over the scalar backend do the same float32
 * operations in the same order (scalar's elementwise kernels round once, and neither contracts into FMAs), so they
 * must agree bit for bit: a sharper check of both than the suite's tolerance.
 */
class ScalarOptimizerKernelsTest {
    private static final int N = 1025;
    private final ScalarBackend backend = new ScalarBackend();

    /** Runs 30 steps of {@code step} with fused and with composed kernels on identical data; compares all arrays. */
    private void assertSameBits(int buffers, BiConsumer<OptimizerKernels, Storage[]> step) {
        Storage[] fused = data(buffers);
        Storage[] composed = data(buffers);
        SeededRandom random = new SeededRandom(5);
        float[] g = new float[N];
        for (int t = 0; t < 30; t++) {
            random.fillGaussian(g);
            backend.write(g, 0, fused[1], 0, N);
            backend.write(g, 0, composed[1], 0, N);
            step.accept(backend.optimizerKernels(), fused);
            step.accept(new ComposedOptimizerKernels(backend), composed);
        }
        for (int i = 0; i < fused.length; i++) {
            assertThat(((HeapStorage) composed[i]).data()).as("array %d", i)
                    .containsExactly(((HeapStorage) fused[i]).data());
        }
    }

    private Storage[] data(int buffers) {
        SeededRandom random = new SeededRandom(3);
        Storage[] s = new Storage[2 + buffers];
        float[] p = new float[N];
        random.fillGaussian(p);
        s[0] = backend.upload(p, 0, N);
        for (int i = 1; i < s.length; i++) {
            s[i] = backend.allocate(N);
        }
        return s;
    }

    @Test
    void sgd() {
        for (boolean nesterov : new boolean[] {false, true}) {
            boolean[] firstFused = {true};
            boolean[] firstComposed = {true};
            assertSameBits(1, (k, s) -> {
                boolean[] flag = k instanceof ComposedOptimizerKernels ? firstComposed : firstFused;
                k.sgd(s[0], s[1], s[2], N, 0.05f, 0.01f, 0.9f, nesterov ? 1f : 0.9f, nesterov, flag[0]);
                flag[0] = false;
            });
        }
        assertSameBits(0, (k, s) -> k.sgd(s[0], s[1], null, N, 0.05f, 0.01f, 0f, 1f, false, false));
    }

    @Test
    void adamAndAdamW() {
        for (boolean decoupled : new boolean[] {false, true}) {
            int[] tFused = {0};
            int[] tComposed = {0};
            assertSameBits(2, (k, s) -> {
                int[] t = k instanceof ComposedOptimizerKernels ? tComposed : tFused;
                t[0]++;
                k.adam(s[0], s[1], s[2], s[3], N, (float) (1 - 0.9), 0.999f, (float) (1 - 0.999), 1e-8f,
                        decoupled ? 0f : 0.01f, decoupled ? (float) (1 - 0.01 * 0.01) : 1f,
                        (float) (0.01 / (1 - Math.pow(0.9, t[0]))), (float) Math.sqrt(1 - Math.pow(0.999, t[0])));
            });
        }
    }

    @Test
    void rmsprop() {
        assertSameBits(3, (k, s) -> k.rmsprop(s[0], s[1], s[2], s[3], s[4], N, 0.01f, 0.99f, (float) (1 - 0.99), 1e-8f, 0.01f, 0.9f));
        assertSameBits(1, (k, s) -> k.rmsprop(s[0], s[1], s[2], null, null, N, 0.01f, 0.99f, (float) (1 - 0.99), 1e-8f, 0f, 0f));
    }

    @Test
    void adagrad() {
        assertSameBits(1, (k, s) -> k.adagrad(s[0], s[1], s[2], N, 0.1f, 1e-10f, 0.01f));
    }
}
