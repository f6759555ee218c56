package dev.descent.train.checks;

import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.nn.Linear;
import dev.descent.nn.Module;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.train.Objectives;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 {@link Trainer} steps of a tiny model (forward, loss, backward, Adam step, the loss read back) keep
 * memory flat. Measured between step 10,000 (everything warmed up) and step 100,000:
 * <ul>
 *   <li>heap in use after a full GC grows by less than {@value #HEAP_MARGIN_MIB} MiB (the trainer's loss history
 *       of 11,250 epochs takes about 0.3 MiB of it; a leak of one small tensor per step would take tens of
 *       MiB);</li>
 *   <li>off-heap memory of the JDK's buffer pools (direct and mapped {@code ByteBuffer}s, the only native
 *       memory Java code of descent or a heap backend can allocate) grows by less than
 *       {@value #NATIVE_MARGIN_MIB} MiB;</li>
 *   <li>the number of live threads does not grow.</li>
 * </ul>
 * The figures are printed ({@code training memory: ...}). Native memory that a GPU runtime allocates outside
 * the JDK is not visible here; such a backend's own tests must bound it.
 */
public abstract class TrainingMemoryChecks {
    private static final int STEPS = 100_000;
    private static final int FIRST = 10_000;
    private static final long HEAP_MARGIN_MIB = 4;
    private static final long NATIVE_MARGIN_MIB = 1;

    /** The backend under test. */
    protected abstract Backend backend();

    @Test
    void aHundredThousandTrainingStepsKeepHeapNativeMemoryAndThreadsFlat() throws InterruptedException {
        Backend backend = backend();
        SeededRandom random = new SeededRandom(1);
        float[] x = new float[64 * 2];
        float[] y = new float[64];
        for (int i = 0; i < 64; i++) {
            x[2 * i] = random.nextFloat();
            x[2 * i + 1] = random.nextFloat();
            y[i] = 3 * x[2 * i] - x[2 * i + 1] + 0.5f;
        }
        Dataset data = Dataset.of(x, List.of("a", "b"), y, "y");
        Module model = new Linear(2, 1, true, backend, random);
        long[] atFirst = new long[3];
        int batch = 8;
        int epochs = STEPS / (64 / batch);
        Trainer trainer = Trainer.builder().model(model).objective(Objectives.regression())
                .optimizer(Optimizer.of(Adam.builder().lr(0.01).build(), model.parameters()))
                .data(DataLoader.shuffled(data, backend, batch, 1), data).epochs(epochs)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(int epoch, int batchIndex, long step, double batchLoss, int batchSize) {
                        if (step == FIRST) {
                            atFirst[0] = usedHeapAfterGc();
                            atFirst[1] = bufferPoolBytes();
                            atFirst[2] = Thread.activeCount();
                        }
                    }
                }).build();
        long started = System.nanoTime();
        var result = trainer.fit();
        long heap = usedHeapAfterGc();
        long buffers = bufferPoolBytes();
        int threads = Thread.activeCount();
        System.out.printf("training memory (%s): %d steps in %.1f s; heap after GC %.2f MiB at step %d, %.2f MiB at"
                        + " step %d; buffer pools %d -> %d bytes; threads %d -> %d%n", backend.name(), result.steps(),
                (System.nanoTime() - started) / 1e9, atFirst[0] / 1048576.0, FIRST, heap / 1048576.0, STEPS,
                atFirst[1], buffers, atFirst[2], threads);
        assertThat(result.steps()).isEqualTo(STEPS);
        assertThat(heap - atFirst[0]).as("heap growth, bytes").isLessThan(HEAP_MARGIN_MIB << 20);
        assertThat(buffers - atFirst[1]).as("direct and mapped buffer growth, bytes").isLessThan(NATIVE_MARGIN_MIB << 20);
        assertThat((long) threads).as("live threads").isLessThanOrEqualTo(atFirst[2]);
    }

    private static long bufferPoolBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            best = Math.min(best, runtime.totalMemory() - runtime.freeMemory());
        }
        return best;
    }
}
