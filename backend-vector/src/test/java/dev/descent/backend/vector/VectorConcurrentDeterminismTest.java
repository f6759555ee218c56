package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.nn.Module;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import dev.descent.train.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vector backend gives the same bits when several threads train on it at once (as Spark's tasks do in one
 * executor JVM): full-batch MLP training, first alone on a cold JIT, then repeated by three threads together.
 * Two shapes: a multiclass one that crosses the parallel thresholds (GEMMs of 2 MFLOP and more, tanh and softmax
 * over 32K elements), so the threads contend for the one worker pool (the one that gets it splits its kernels over
 * the pool, the others run the same split on their own thread); and a binary one above the small-kernel sizes
 * trained for a few hundred steps, so that C2 compiles the Vector API kernels (the reductions among them) while the
 * first run is still going. A split that depended on free workers, scratch state shared between threads, or a
 * kernel whose rounding changed once C2 compiled it (the {@code reduceLanes} order that {@link LaneSums} replaced,
 * which made two Spark fits in one JVM differ in their last bits) makes a repeat differ from the first run.
 */
class VectorConcurrentDeterminismTest {
    /** A training problem: data, task, the MLP's hidden width and the number of full-batch steps. */
    private record Problem(Task task, int rows, int features, int hidden, int steps) {
        int outputs() {
            return task == Task.BINARY ? 1 : 4;
        }
    }

    @Test
    void threadsTrainingAtOnceOnParallelSizesGetTheBitsOfTheFirstRun() throws Exception {
        assertRepeatsMatchTheFirstRun(new Problem(Task.MULTICLASS, 512, 32, 64, 4), 4);
    }

    @Test
    void threadsTrainingAtOnceWhileTheJitCompilesGetTheBitsOfTheFirstRun() throws Exception {
        assertRepeatsMatchTheFirstRun(new Problem(Task.BINARY, 256, 16, 32, 300), 1);
    }

    private static void assertRepeatsMatchTheFirstRun(Problem problem, int repeats) throws Exception {
        Backend backend = Backends.get("vector");
        Random random = new Random(3);
        int rows = problem.rows();
        int features = problem.features();
        float[] x = new float[rows * features];
        float[] y = new float[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            y[r] = problem.task() == Task.BINARY ? (x[r * features] + 0.5f * x[r * features + 1] > 0 ? 1 : 0)
                    : (x[r * features] > 0 ? 1 : 0) + (x[r * features + 1] > 0 ? 2 : 0);
        }
        List<Integer> reference = train(backend, problem, x, y);
        int threads = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<List<Integer>>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<List<Integer>> runs = new ArrayList<>();
                    for (int i = 0; i < repeats; i++) {
                        runs.add(train(backend, problem, x, y));
                    }
                    return runs;
                }));
            }
            for (int t = 0; t < threads; t++) {
                List<List<Integer>> runs = results.get(t).get();
                for (int i = 0; i < runs.size(); i++) {
                    assertThat(firstDifference(runs.get(i), reference, problem.steps()))
                            .as("thread %d, repeat %d against the first run", t, i).isEqualTo("none");
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Where two runs' bits first differ: a step's loss or a parameter value, or {@code none}. */
    private static String firstDifference(List<Integer> run, List<Integer> reference, int steps) {
        for (int i = 0; i < reference.size(); i++) {
            if (!run.get(i).equals(reference.get(i))) {
                return (i < steps ? "loss of step " + (i + 1) : "parameter value " + (i - steps)) + ": "
                        + Float.intBitsToFloat(run.get(i)) + " instead of " + Float.intBitsToFloat(reference.get(i));
            }
        }
        return "none";
    }

    /** The loss of every step and the final parameters, as raw float bits. */
    private static List<Integer> train(Backend backend, Problem problem, float[] x, float[] y) {
        Module model = Architecture.parse("mlp:" + problem.hidden(), Activation.TANH, 10).build(problem.features(),
                problem.outputs(), backend, new SeededRandom(5));
        Optimizer optimizer = Optimizer.of(Adam.builder().lr(0.01).build(), model.parameters());
        Objective objective = problem.task().objective(problem.outputs() == 1 ? 2 : problem.outputs());
        Tensor features = Tensor.of(backend, x, problem.rows(), problem.features());
        Tensor targets = Tensor.of(backend, y, problem.rows(), 1);
        List<Integer> bits = new ArrayList<>();
        for (int step = 0; step < problem.steps(); step++) {
            Tensor loss = objective.loss(model.forward(features), targets, y);
            bits.add(Float.floatToRawIntBits((float) loss.item()));
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
        }
        for (Tensor p : model.parameters()) {
            for (float v : p.toArray()) {
                bits.add(Float.floatToRawIntBits(v));
            }
        }
        return bits;
    }
}
