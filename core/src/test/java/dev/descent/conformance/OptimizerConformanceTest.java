package dev.descent.conformance;

import dev.descent.io.TensorData;
import dev.descent.optim.Adagrad;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Optimizer;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgd;
import dev.descent.optim.StateDict;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Optimizer conformance: every algorithm and option combination, run through {@link Optimizer} on a backend's
 * fused {@link Backend#optimizerKernels() optimizer kernels} and on the composed fallback over the same backend,
 * must follow a float64 evaluation of PyTorch's formulas ({@link OptimizerReference}) for
 * {@value #STEPS} steps of random Gaussian gradients, step 1 (bias correction at t = 1, SGD's buffer clone)
 * included. Parameters and every state buffer are compared after every step, for sizes 1, 7 and 1025 (odd on
 * purpose, so vector tails are exercised).
 *
 * <p>Tolerance, derived per case: an independent float32 implementation in torch.optim's order
 * ({@link OptimizerFloat32}) runs beside the backend, and the backend's largest distance from the float64
 * reference over the trajectory, per parameter, buffer and loss, may be at most ten times the float32
 * implementation's ({@link TrajectoryGap}). That leaves room for FMA contraction and reordering, but not for a
 * constant rounded differently from PyTorch (a float {@code 1f − beta2} instead of a double {@code 1 − beta2}
 * drifts a full-batch Adam run by about 40 times the float32 gap), nor for a wrong formula: eps added to
 * {@code sqrt(v)} with the bias corrections folded into the learning rate (the large-eps Adam/AdamW cases exist for
 * this) and a dampened first SGD momentum step fail by orders of magnitude.
 *
 * <p>A backend runs it with a one-line subclass: {@code class ScalarOptimizerConformanceTest extends
 * OptimizerConformanceTest { protected Backend backend() { return new ScalarBackend(); } }}.
 */
public abstract class OptimizerConformanceTest {
    static final int STEPS = 100;
    private static final int[] SIZES = {1, 7, 1025};

    /** The backend under test; called once per test. */
    protected abstract Backend backend();

    /** One algorithm configuration: the hyperparameters and the matching float64 reference. */
    record Case(Hyperparameters hyperparameters, Supplier<OptimizerReference> reference,
                Supplier<OptimizerFloat32> float32) {
    }

    static List<Named<Case>> algorithmCases() {
        List<Named<Case>> cases = new ArrayList<>();
        double lr = 0.05;
        for (double momentum : new double[] {0, 0.9}) {
            for (double dampening : new double[] {0, 0.1}) {
                for (boolean nesterov : new boolean[] {false, true}) {
                    if (nesterov && (momentum == 0 || dampening != 0)) {
                        continue;
                    }
                    for (double weightDecay : new double[] {0, 0.01}) {
                        Sgd hp = Sgd.builder().lr(lr).momentum(momentum).dampening(dampening).nesterov(nesterov)
                                .weightDecay(weightDecay).build();
                        cases.add(Named.of(hp.toString(), new Case(hp,
                                () -> OptimizerReference.sgd(lr, momentum, dampening, nesterov, weightDecay),
                                () -> OptimizerFloat32.sgd(lr, momentum, dampening, nesterov, weightDecay))));
                    }
                }
            }
        }
        for (double weightDecay : new double[] {0, 0.01}) {
            Adam adam = Adam.builder().lr(0.01).weightDecay(weightDecay).build();
            cases.add(Named.of(adam.toString(), new Case(adam,
                    () -> OptimizerReference.adam(0.01, 0.9, 0.999, 1e-8, weightDecay, false),
                    () -> OptimizerFloat32.adam(0.01, 0.9, 0.999, 1e-8, weightDecay, false))));
            AdamW adamW = AdamW.builder().lr(0.01).weightDecay(weightDecay).build();
            cases.add(Named.of(adamW.toString(), new Case(adamW,
                    () -> OptimizerReference.adam(0.01, 0.9, 0.999, 1e-8, weightDecay, true),
                    () -> OptimizerFloat32.adam(0.01, 0.9, 0.999, 1e-8, weightDecay, true))));
        }
        Adam custom = Adam.builder().lr(0.003).betas(0.8, 0.95).eps(1e-4).weightDecay(0.1).build();
        cases.add(Named.of(custom.toString(), new Case(custom,
                () -> OptimizerReference.adam(0.003, 0.8, 0.95, 1e-4, 0.1, false),
                () -> OptimizerFloat32.adam(0.003, 0.8, 0.95, 1e-4, 0.1, false))));
        AdamW customW = AdamW.builder().lr(0.003).betas(0.8, 0.95).eps(1e-4).weightDecay(0.1).build();
        cases.add(Named.of(customW.toString(), new Case(customW,
                () -> OptimizerReference.adam(0.003, 0.8, 0.95, 1e-4, 0.1, true),
                () -> OptimizerFloat32.adam(0.003, 0.8, 0.95, 1e-4, 0.1, true))));
        // A large eps makes its placement visible: eps on sqrt(v) instead of sqrt(vHat) is off by ~30% at t = 1.
        Adam largeEps = Adam.builder().lr(0.01).eps(0.01).build();
        cases.add(Named.of(largeEps.toString(), new Case(largeEps,
                () -> OptimizerReference.adam(0.01, 0.9, 0.999, 0.01, 0, false),
                () -> OptimizerFloat32.adam(0.01, 0.9, 0.999, 0.01, 0, false))));
        AdamW largeEpsW = AdamW.builder().lr(0.01).eps(0.01).build();
        cases.add(Named.of(largeEpsW.toString(), new Case(largeEpsW,
                () -> OptimizerReference.adam(0.01, 0.9, 0.999, 0.01, 0.01, true),
                () -> OptimizerFloat32.adam(0.01, 0.9, 0.999, 0.01, 0.01, true))));
        for (boolean centered : new boolean[] {false, true}) {
            for (double momentum : new double[] {0, 0.9}) {
                for (double weightDecay : new double[] {0, 0.01}) {
                    RmsProp hp = RmsProp.builder().lr(0.01).momentum(momentum).centered(centered)
                            .weightDecay(weightDecay).build();
                    cases.add(Named.of(hp.toString(), new Case(hp,
                            () -> OptimizerReference.rmsprop(0.01, 0.99, 1e-8, weightDecay, momentum, centered),
                            () -> OptimizerFloat32.rmsprop(0.01, 0.99, 1e-8, weightDecay, momentum, centered))));
                }
            }
        }
        for (double lrDecay : new double[] {0, 0.01}) {
            for (double initial : new double[] {0, 0.1}) {
                for (double weightDecay : new double[] {0, 0.01}) {
                    Adagrad hp = Adagrad.builder().lr(0.1).lrDecay(lrDecay).initialAccumulatorValue(initial)
                            .weightDecay(weightDecay).build();
                    cases.add(Named.of(hp.toString(), new Case(hp,
                            () -> OptimizerReference.adagrad(0.1, lrDecay, weightDecay, initial, 1e-10),
                            () -> OptimizerFloat32.adagrad(0.1, lrDecay, weightDecay, initial, 1e-10))));
                }
            }
        }
        return cases;
    }

    static Stream<Arguments> cases() {
        List<Arguments> arguments = new ArrayList<>();
        for (Named<Case> c : algorithmCases()) {
            for (int size : SIZES) {
                for (boolean fused : new boolean[] {true, false}) {
                    arguments.add(Arguments.of(c, size, Named.of(fused ? "fused" : "composed", fused)));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} size {1} {2}")
    @MethodSource("cases")
    void followsTorchWithinTenTimesTheFloat32GapFor100RandomSteps(Case c, int size, boolean fused) {
        Backend base = backend();
        Backend backend = fused ? base : new WithoutFusedOptimizerKernels(base);
        SeededRandom random = new SeededRandom(1234 + size);
        float[] initial = new float[size];
        for (int i = 0; i < size; i++) {
            initial[i] = (float) (2 * random.nextDouble() - 1);
        }
        Tensor param = Tensor.of(backend, initial, size).requiresGrad(true);
        Tensor grad = Tensor.zeros(backend, size);
        param.setGrad(grad);
        Optimizer optimizer = Optimizer.of(c.hyperparameters(), param);

        double[] expected = toDouble(initial);
        float[] independent = initial.clone();
        OptimizerReference reference = c.reference().get();
        OptimizerFloat32 float32 = c.float32().get();
        TrajectoryGap float32Gap = new TrajectoryGap();
        TrajectoryGap backendGap = new TrajectoryGap();
        float[] g = new float[size];
        String where = c.hyperparameters() + " size " + size + (fused ? " fused" : " composed") + " on "
                + base.name();
        for (int step = 1; step <= STEPS; step++) {
            random.fillGaussian(g);
            grad.copyFrom(g);
            optimizer.step();
            reference.step(expected, toDouble(g));
            float32.step(independent, g);
            float32Gap.record("param", independent, expected);
            backendGap.record("param", param.toArray(), expected);
            StateDict state = optimizer.stateDict();
            if (state.steps().get(StateDict.stepName(0)) != step) {
                fail(where + ", step " + step + ": the optimizer's step count is "
                        + state.steps().get(StateDict.stepName(0)));
            }
            for (Map.Entry<String, double[]> buffer : reference.buffers.entrySet()) {
                TensorData actual = state.buffers().get(StateDict.bufferName(0, buffer.getKey()));
                if (actual == null) {
                    fail(where + ", step " + step + ": buffer " + buffer.getKey() + " missing; state has "
                            + state.buffers().keySet());
                }
                backendGap.record(buffer.getKey(), actual.values(), buffer.getValue());
                float32Gap.record(buffer.getKey(), float32.buffers.get(buffer.getKey()), buffer.getValue());
            }
        }
        String violations = float32Gap.violations(backendGap);
        if (!violations.isEmpty()) {
            fail(where + " after " + STEPS + " steps:" + violations);
        }
        // The gradient is an input: kernels must not write it.
        float[] lastGrad = grad.toArray();
        for (int i = 0; i < size; i++) {
            if (Float.floatToRawIntBits(lastGrad[i]) != Float.floatToRawIntBits(g[i])) {
                fail(where + ": the gradient was modified at index " + i);
            }
        }
    }

    static Stream<Arguments> regressionCases() {
        List<Arguments> arguments = new ArrayList<>();
        for (Named<Case> c : algorithmCases()) {
            for (boolean fused : new boolean[] {true, false}) {
                arguments.add(Arguments.of(c, Named.of(fused ? "fused" : "composed", fused)));
            }
        }
        return arguments.stream();
    }

    /**
     * 100 full-batch steps of least squares on a small regression whose target has mean 10 (uncentred, so the
     * bias moves far and the Adam denominators stay large): the gradient comes from the current parameters, so
     * any difference in an update feeds back into every later step. The parameters and the loss must stay within
     * ten times the gap between {@link OptimizerFloat32} (torch's float32 order) and {@link OptimizerReference}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("regressionCases")
    void followsTorchWithinTenTimesTheFloat32GapOnAFullBatchRegression(Case c, boolean fused) {
        Backend base = backend();
        Backend backend = fused ? base : new WithoutFusedOptimizerKernels(base);
        Regression data = new Regression(64, 37, 10f);
        int size = data.parameters();
        float[] initial = new float[size];
        Tensor param = Tensor.of(backend, initial, size).requiresGrad(true);
        Tensor grad = Tensor.zeros(backend, size);
        param.setGrad(grad);
        Optimizer optimizer = Optimizer.of(c.hyperparameters(), param);
        double[] expected = new double[size];
        float[] independent = new float[size];
        OptimizerReference reference = c.reference().get();
        OptimizerFloat32 float32 = c.float32().get();
        TrajectoryGap float32Gap = new TrajectoryGap();
        TrajectoryGap backendGap = new TrajectoryGap();
        for (int step = 1; step <= STEPS; step++) {
            float[] current = param.toArray();
            grad.copyFrom(data.gradient(current));
            optimizer.step();
            float32.step(independent, data.gradient(independent));
            reference.step(expected, data.gradient(expected));
            float[] updated = param.toArray();
            backendGap.record("param", updated, expected);
            float32Gap.record("param", independent, expected);
            double loss = data.loss(expected);
            backendGap.record("loss", data.loss(toDouble(updated)), loss);
            float32Gap.record("loss", data.loss(toDouble(independent)), loss);
        }
        System.out.printf(Locale.ROOT, "full-batch trajectory, %s %s on %s: float32 gap {%s}, backend gap {%s}%n",
                c.hyperparameters(), fused ? "fused" : "composed", base.name(), float32Gap, backendGap);
        String violations = float32Gap.violations(backendGap);
        if (!violations.isEmpty()) {
            fail(c.hyperparameters() + (fused ? " fused" : " composed") + " on " + base.name() + " after " + STEPS
                    + " full-batch steps (float32 gaps: " + float32Gap + "):" + violations);
        }
    }

    /**
     * Adam's first step from zero weights moves every weight by {@code lr}, as in torch.optim: {@code m = (1 −
     * beta1)·g} and {@code v = (1 − beta2)·g²} cancel against the bias corrections, so the step is
     * {@code lr·g / (|g| + eps')}. In torch's float32 order the rounded constants and the six roundings leave each
     * weight 0 to 3 ulps from {@code lr} (for lr 0.05, 1e5 gradients from 1 to 1e4: 23% exact, 55% at 1 ulp,
     * 21% at 2, 0.6% at 3); computing {@code 1 − beta2} in float instead of in double, as the bias correction is,
     * gives 0.05000034, 90 ulps off. So every weight must be within one ulp of the independent float32
     * implementation (room for FMA contraction) and within three ulps of {@code lr}. Gradients range from 1 to
     * 1e4, where eps = 1e-8 is below half an ulp of {@code |g|}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("firstStepCases")
    void adamsFirstStepFromZeroIsTheLearningRate(Hyperparameters hyperparameters, boolean fused) {
        Backend base = backend();
        Backend backend = fused ? base : new WithoutFusedOptimizerKernels(base);
        int size = 1025;
        SeededRandom random = new SeededRandom(99);
        float[] g = new float[size];
        random.fillGaussian(g);
        for (int i = 0; i < size; i++) {
            g[i] = (float) (Math.copySign(1 + Math.abs(g[i]), g[i]) * Math.pow(10, i % 5));
        }
        Tensor param = Tensor.zeros(backend, size).requiresGrad(true);
        param.setGrad(Tensor.of(backend, g, size));
        Optimizer.of(hyperparameters, param).step();
        OptimizerFloat32 float32 = switch (hyperparameters) {
            case Adam a -> OptimizerFloat32.adam(a.lr(), a.beta1(), a.beta2(), a.eps(), a.weightDecay(), false);
            case AdamW a -> OptimizerFloat32.adam(a.lr(), a.beta1(), a.beta2(), a.eps(), a.weightDecay(), true);
            default -> throw new IllegalArgumentException(hyperparameters.toString());
        };
        float[] independent = new float[size];
        float32.step(independent, g);
        float lr = (float) hyperparameters.lr();
        float ulp = Math.ulp(lr);
        float[] p = param.toArray();
        for (int i = 0; i < size; i++) {
            float expected = -Math.signum(g[i]) * lr;
            if (!(Math.abs(p[i] - independent[i]) <= ulp && Math.abs(p[i] - expected) <= 3 * ulp)) {
                fail(String.format(Locale.ROOT, "%s %s on %s: weight %d moved by %.9g for gradient %.4g; torch's "
                        + "float32 order gives %.9g, lr is %.9g (one ulp is %.3g)", hyperparameters,
                        fused ? "fused" : "composed", base.name(), i, p[i], g[i], independent[i], expected, ulp));
            }
        }
    }

    static Stream<Arguments> firstStepCases() {
        List<Arguments> arguments = new ArrayList<>();
        for (Hyperparameters hp : List.<Hyperparameters>of(Adam.of(0.05), Adam.of(0.001), Adam.of(0.3),
                AdamW.of(0.05), Adam.builder().lr(0.01).betas(0.8, 0.95).build())) {
            for (boolean fused : new boolean[] {true, false}) {
                arguments.add(Arguments.of(Named.of(hp.toString(), hp), Named.of(fused ? "fused" : "composed", fused)));
            }
        }
        return arguments.stream();
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
