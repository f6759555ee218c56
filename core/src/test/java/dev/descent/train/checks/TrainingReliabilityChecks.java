package dev.descent.train.checks;

import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.io.TensorData;
import dev.descent.nn.Linear;
import dev.descent.nn.Module;
import dev.descent.nn.Sequential;
import dev.descent.nn.Tanh;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.spi.BackendProvider;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objectives;
import dev.descent.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole training runs through {@link Trainer} on one backend: the same seed gives bit-identical parameters,
 * several threads training independent models at once get exactly the serial results, a thread predicting
 * while another trains gets exactly the serial predictions, and {@link Backend#close()} stops every thread the
 * backend started. Every backend module runs these with a one-line subclass. Bounded in time: each concurrent
 * test runs a fixed amount of work under a {@link Timeout}.
 */
public abstract class TrainingReliabilityChecks {
    private static final int THREADS = 4;
    /** Rounds of the concurrent stress tests: 3, or 30 with {@code -Ddescent.longTests=true}. */
    private static final int ROUNDS = Boolean.getBoolean("descent.longTests") ? 30 : 3;
    private static final int ROWS = 256;

    /** The backend under test. */
    protected abstract Backend backend();

    /** A seeded regression set: y = sin(x1) + x2·x3 + noise. */
    static Dataset data(long seed) {
        SeededRandom r = new SeededRandom(seed);
        float[] x = new float[ROWS * 3];
        float[] y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = r.nextFloat() * 4 - 2;
            }
            y[i] = (float) (Math.sin(x[i * 3]) + x[i * 3 + 1] * x[i * 3 + 2] + 0.05 * (r.nextFloat() - 0.5));
        }
        return Dataset.of(x, List.of("x1", "x2", "x3"), y, "y");
    }

    static Module model(Backend backend, SeededRandom random, int hidden) {
        return new Sequential(new Linear(3, hidden, true, backend, random), new Tanh(),
                new Linear(hidden, hidden, true, backend, random), new Tanh(), new Linear(hidden, 1, true, backend, random));
    }

    /** Trains a fresh model from {@code seed} and returns its parameters. */
    static Map<String, TensorData> train(Backend backend, long seed, int epochs) {
        return train(backend, seed, epochs, 16, 32);
    }

    /**
     * {@link #train(Backend, long, int)} with a given hidden width and batch size (64 and 256 make each layer's
     * GEMM large enough for a multi-threaded backend to split it over its workers).
     */
    static Map<String, TensorData> train(Backend backend, long seed, int epochs, int hidden, int batch) {
        SeededRandom random = new SeededRandom(seed);
        Module model = model(backend, random, hidden);
        Dataset data = data(seed);
        Trainer.builder().model(model).objective(Objectives.regression())
                .optimizer(Optimizer.of(Adam.builder().lr(0.01).build(), model.parameters()))
                .data(DataLoader.shuffled(data, backend, batch, seed), data).epochs(epochs).random(random)
                .build().fit();
        return parameters(model);
    }

    static Map<String, TensorData> parameters(Module model) {
        Map<String, TensorData> result = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> result.put(name, TensorData.of(p)));
        return result;
    }

    @Test
    void theSameSeedGivesBitIdenticalParameters() {
        Map<String, TensorData> first = train(backend(), 7, 5);
        Map<String, TensorData> second = train(backend(), 7, 5);
        assertThat(second).isEqualTo(first); // TensorData compares float bits
        assertThat(train(backend(), 8, 5)).isNotEqualTo(first);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void threadsTrainingIndependentModelsAtOnceGetTheSerialResults() throws Exception {
        Backend backend = backend();
        List<Map<String, TensorData>> serial = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            serial.add(trainForStress(backend, 100 + t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Future<Map<String, TensorData>>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long seed = 100 + t;
                    futures.add(pool.submit(() -> trainForStress(backend, seed)));
                }
                for (int t = 0; t < THREADS; t++) {
                    assertThat(futures.get(t).get(60, TimeUnit.SECONDS)).as("thread %d, round %d", t, round)
                            .isEqualTo(serial.get(t));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Half the threads train models whose GEMMs a multi-threaded backend splits, half small ones. */
    private static Map<String, TensorData> trainForStress(Backend backend, long seed) {
        return seed % 2 == 0 ? train(backend, seed, 4, 64, 256) : train(backend, seed, 4);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void predictingWhileAnotherThreadTrainsGetsTheSerialPredictions() throws Exception {
        Backend backend = backend();
        SeededRandom random = new SeededRandom(3);
        Module predictor = model(backend, random, 64);
        Dataset rows = data(3);
        float[] expected = Trainer.outputs(predictor, rows, backend);
        Map<String, TensorData> trainedSerially = train(backend, 42, 3 * ROUNDS, 64, 256);

        AtomicBoolean training = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Map<String, TensorData>> trainer = pool.submit(() -> {
                try {
                    return train(backend, 42, 3 * ROUNDS, 64, 256);
                } finally {
                    training.set(false);
                }
            });
            int predictions = 0;
            while (training.get() || predictions < 10) {
                assertThat(Trainer.outputs(predictor, rows, backend)).as("prediction %d", predictions)
                        .isEqualTo(expected);
                predictions++;
            }
            assertThat(trainer.get(60, TimeUnit.SECONDS)).isEqualTo(trainedSerially);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeStopsEveryThreadTheBackendStarted() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(backend().name())).findFirst().orElseThrow();
        Backend fresh = provider.create();
        // Large enough for every backend to use its worker threads, if it has any.
        Tensor a = Tensor.rand(fresh, new SeededRandom(1), 512, 512);
        Tensor product = a.matmul(a);
        assertThat(product.sum().item()).isFinite();
        fresh.close();
        fresh.close(); // idempotent
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<String> started;
        do {
            started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("descent"))
                    .map(Thread::getName).collect(Collectors.toSet());
            if (!started.isEmpty()) {
                Thread.sleep(10);
            }
        } while (!started.isEmpty() && System.nanoTime() < deadline);
        assertThat(started).as("threads of a closed " + provider.name() + " backend still running").isEmpty();
    }
}
