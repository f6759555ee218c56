package dev.descent.conformance;

import dev.descent.nn.Losses;
import dev.descent.optim.Lbfgs;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * L-BFGS conformance: {@link Lbfgs} through {@link Optimizer#step(dev.descent.optim.LossClosure)} on a backend must
 * follow a float64 port of {@code torch.optim.LBFGS} ({@link LbfgsReference}) on a linear regression (MSE) and a
 * logistic regression (BCE with logits), with and without the strong-Wolfe line search, for {@value #STEPS} steps
 * of {@value #MAX_ITER} iterations each (mid-flight, before the tolerances stop it).
 *
 * <p>Tolerance: after each step, the largest parameter error against float64 must be within 10x the float32
 * gap, the distance by which the same port run with every result rounded to float32 departs from float64 at that
 * step (with a floor of one float32 ulp of the parameters' scale); the step's returned loss likewise. The
 * float32 run evaluates the objective in float32 too (sums accumulated in float), as a float32 model does.
 *
 * <p>A backend runs it with a one-line subclass giving {@link #backend()}.
 */
public abstract class LbfgsConformanceTest {
    static final int STEPS = 3;
    static final int MAX_ITER = 3;
    private static final int ROWS = 96;
    private static final int FEATURES = 8;

    /** The backend under test. */
    protected abstract Backend backend();

    enum Task { REGRESSION, BINARY }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Task task : Task.values()) {
            for (Lbfgs.LineSearch search : Lbfgs.LineSearch.values()) {
                cases.add(Arguments.of(task, search));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void followsTheFloat64Reference(Task task, Lbfgs.LineSearch search) {
        SeededRandom random = new SeededRandom(task.ordinal() * 10 + 7);
        // Columns scaled from 0.25 to 3 make the problem ill-conditioned enough that L-BFGS is still far from
        // the optimum after STEPS·MAX_ITER iterations: the comparison is of trajectories, not of converged noise.
        float[] x = new float[ROWS * FEATURES];
        random.fillGaussian(x);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) (0.25 + 2.75 * (i % FEATURES) / (FEATURES - 1));
        }
        float[] y = new float[ROWS];
        double[] truth = {1.5, -2.0, 0.7, 0.4, -0.3, 0.2, -0.1, 0.05};
        for (int i = 0; i < ROWS; i++) {
            double z = 0.3;
            for (int j = 0; j < FEATURES; j++) {
                z += truth[j] * x[i * FEATURES + j];
            }
            y[i] = task == Task.REGRESSION ? (float) (z + 0.5 * random.nextGaussian())
                    : random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1f : 0f;
        }
        int n = FEATURES + 1;
        float[] start = new float[n];
        for (int i = 0; i < n; i++) {
            start[i] = 0.1f * (i % 3 - 1);
        }

        Backend backend = backend();
        Tensor features = Tensor.of(backend, x, ROWS, FEATURES);
        Tensor targets = Tensor.of(backend, y, ROWS, 1);
        Tensor w = Tensor.of(backend, java.util.Arrays.copyOf(start, FEATURES), FEATURES, 1).requiresGrad(true);
        Tensor b = Tensor.of(backend, new float[] {start[FEATURES]}, 1).requiresGrad(true);
        Lbfgs hp = Lbfgs.builder().maxIter(MAX_ITER).lineSearch(search).build();
        Optimizer optimizer = Optimizer.of(hp, w, b);

        LbfgsReference.Problem problem = (p, gradient) -> objective(task, x, y, p, gradient, false);
        LbfgsReference.Problem problem32 = (p, gradient) -> objective(task, x, y, p, gradient, true);
        LbfgsReference exact = new LbfgsReference(false, 1, MAX_ITER, 1e-7, 1e-9, 100,
                search == Lbfgs.LineSearch.STRONG_WOLFE);
        LbfgsReference rounded = new LbfgsReference(true, 1, MAX_ITER, 1e-7, 1e-9, 100,
                search == Lbfgs.LineSearch.STRONG_WOLFE);
        double[] p64 = new double[n];
        for (int i = 0; i < n; i++) {
            p64[i] = start[i];
        }
        double[] p32 = p64.clone();
        String where = task + " " + search.spelling() + " on " + backend.name();
        for (int step = 1; step <= STEPS; step++) {
            double loss = optimizer.step(() -> {
                optimizer.zeroGrad();
                Tensor z = features.matmul(w).add(b);
                Tensor l = task == Task.REGRESSION ? Losses.mse(z, targets) : Losses.bceWithLogits(z, targets);
                l.backward();
                return l.item();
            });
            double loss64 = exact.step(p64, problem);
            double loss32 = rounded.step(p32, problem32);
            float[] actual = new float[n];
            w.copyTo(actual, 0);
            b.copyTo(actual, FEATURES);
            double scale = 0;
            double gap = 0;
            double error = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(p64[i]));
                gap = Math.max(gap, Math.abs(p32[i] - p64[i]));
                error = Math.max(error, Math.abs(actual[i] - p64[i]));
            }
            double bound = 10 * Math.max(gap, Math.ulp((float) scale));
            if (!(error <= bound)) {
                fail(String.format(Locale.ROOT, "%s, step %d: parameters %s, float64 %s: error %.3g > 10x the "
                                + "float32 gap %.3g", where, step, java.util.Arrays.toString(actual),
                        java.util.Arrays.toString(p64), error, gap));
            }
            double lossBound = 10 * Math.max(Math.abs(loss32 - loss64), Math.ulp((float) loss64));
            if (!(Math.abs(loss - loss64) <= lossBound)) {
                fail(String.format(Locale.ROOT, "%s, step %d: loss %.9g, float64 %.9g (error %.3g > %.3g)", where,
                        step, loss, loss64, Math.abs(loss - loss64), lossBound));
            }
            if (optimizer.stepCount(0) != exact.nIter()) {
                fail(where + ", step " + step + ": n_iter " + optimizer.stepCount(0) + ", the float64 port's "
                        + exact.nIter() + " (float32 port: " + rounded.nIter() + ")");
            }
        }
    }

    /**
     * Mean squared error or mean binary cross-entropy with logits of the linear model {@code p}, in double, or
     * with every operation rounded to float32 when {@code float32}.
     */
    private static double objective(Task task, float[] x, float[] y, double[] p, double[] gradient,
                                    boolean float32) {
        java.util.function.DoubleUnaryOperator r = float32 ? v -> (float) v : v -> v;
        java.util.Arrays.fill(gradient, 0);
        double loss = 0;
        for (int i = 0; i < ROWS; i++) {
            double z = 0;
            for (int j = 0; j < FEATURES; j++) {
                z = r.applyAsDouble(z + r.applyAsDouble(p[j] * x[i * FEATURES + j]));
            }
            z = r.applyAsDouble(z + p[FEATURES]);
            double dz;
            if (task == Task.REGRESSION) {
                double e = r.applyAsDouble(z - y[i]);
                loss = r.applyAsDouble(loss + r.applyAsDouble(e * e));
                dz = r.applyAsDouble(2 * e / ROWS);
            } else {
                double term = r.applyAsDouble(Math.max(z, 0) - r.applyAsDouble(y[i] * z)
                        + r.applyAsDouble(Math.log1p(Math.exp(-Math.abs(z)))));
                loss = r.applyAsDouble(loss + term);
                dz = r.applyAsDouble(r.applyAsDouble(1 / (1 + Math.exp(-z)) - y[i]) / ROWS);
            }
            for (int j = 0; j < FEATURES; j++) {
                gradient[j] = r.applyAsDouble(gradient[j] + r.applyAsDouble(dz * x[i * FEATURES + j]));
            }
            gradient[FEATURES] = r.applyAsDouble(gradient[FEATURES] + dz);
        }
        return r.applyAsDouble(loss / ROWS);
    }
}
