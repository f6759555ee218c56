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
 * fused {@link Backend#optimizerKernels() optimizer kernels} and on the algorithm's reference update (tensor
 * operations, {@link dev.descent.optim.Algorithm#update}) over the same backend,
 * must follow a float64 evaluation of PyTorch's documented formulas ({@link OptimizerReference}) for
 * {@value #STEPS} steps of random Gaussian gradients, step 1 (bias correction at t = 1, SGD's buffer clone)
 * included. Parameters and every state buffer are compared after every step, for sizes 1, 7 and 1025 (odd on
 * purpose, so vector tails are exercised).
 *
 * <p>Tolerance: {@code |actual − reference| <= ATOL + RTOL·|reference|} with {@value #ATOL} and {@value #RTOL}.
 * The float32 kernels round every intermediate once and their errors accumulate over 100 steps; on the scalar
 * backend the largest {@code error / (1 + |reference|)} over all cases is 2.5e-6 (SGD with momentum and
 * dampening), so the bound leaves 8x head-room for FMA contraction and reordering without hiding a wrong
 * formula. Checked by mutation: eps added to {@code sqrt(v)} with the bias corrections folded into the learning
 * rate (the large-eps Adam/AdamW cases exist for this), and a dampened first SGD momentum step, both fail.
 *
 * <p>A backend runs it with a one-line subclass: {@code class ScalarOptimizerConformanceTest extends
 * OptimizerConformanceTest { protected Backend backend() { return new ScalarBackend(); } }}.
 */
public abstract class OptimizerConformanceTest {
    static final int STEPS = 100;
    static final double ATOL = 2e-5;
    static final double RTOL = 2e-5;
    private static final int[] SIZES = {1, 7, 1025};

    /** The backend under test; called once per test. */
    protected abstract Backend backend();

    /** One algorithm configuration: the hyperparameters and the matching float64 reference. */
    record Case(Hyperparameters hyperparameters, Supplier<OptimizerReference> reference) {
    }

    static Stream<Arguments> cases() {
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
                                () -> OptimizerReference.sgd(lr, momentum, dampening, nesterov, weightDecay))));
                    }
                }
            }
        }
        for (double weightDecay : new double[] {0, 0.01}) {
            Adam adam = Adam.builder().lr(0.01).weightDecay(weightDecay).build();
            cases.add(Named.of(adam.toString(), new Case(adam,
                    () -> OptimizerReference.adam(0.01, 0.9, 0.999, 1e-8, weightDecay, false))));
            AdamW adamW = AdamW.builder().lr(0.01).weightDecay(weightDecay).build();
            cases.add(Named.of(adamW.toString(), new Case(adamW,
                    () -> OptimizerReference.adam(0.01, 0.9, 0.999, 1e-8, weightDecay, true))));
        }
        Adam custom = Adam.builder().lr(0.003).betas(0.8, 0.95).eps(1e-4).weightDecay(0.1).build();
        cases.add(Named.of(custom.toString(), new Case(custom,
                () -> OptimizerReference.adam(0.003, 0.8, 0.95, 1e-4, 0.1, false))));
        AdamW customW = AdamW.builder().lr(0.003).betas(0.8, 0.95).eps(1e-4).weightDecay(0.1).build();
        cases.add(Named.of(customW.toString(), new Case(customW,
                () -> OptimizerReference.adam(0.003, 0.8, 0.95, 1e-4, 0.1, true))));
        // A large eps makes its placement visible: eps on sqrt(v) instead of sqrt(vHat) is off by ~30% at t = 1.
        Adam largeEps = Adam.builder().lr(0.01).eps(0.01).build();
        cases.add(Named.of(largeEps.toString(), new Case(largeEps,
                () -> OptimizerReference.adam(0.01, 0.9, 0.999, 0.01, 0, false))));
        AdamW largeEpsW = AdamW.builder().lr(0.01).eps(0.01).build();
        cases.add(Named.of(largeEpsW.toString(), new Case(largeEpsW,
                () -> OptimizerReference.adam(0.01, 0.9, 0.999, 0.01, 0.01, true))));
        for (boolean centered : new boolean[] {false, true}) {
            for (double momentum : new double[] {0, 0.9}) {
                for (double weightDecay : new double[] {0, 0.01}) {
                    RmsProp hp = RmsProp.builder().lr(0.01).momentum(momentum).centered(centered)
                            .weightDecay(weightDecay).build();
                    cases.add(Named.of(hp.toString(), new Case(hp,
                            () -> OptimizerReference.rmsprop(0.01, 0.99, 1e-8, weightDecay, momentum, centered))));
                }
            }
        }
        for (double lrDecay : new double[] {0, 0.01}) {
            for (double initial : new double[] {0, 0.1}) {
                for (double weightDecay : new double[] {0, 0.01}) {
                    Adagrad hp = Adagrad.builder().lr(0.1).lrDecay(lrDecay).initialAccumulatorValue(initial)
                            .weightDecay(weightDecay).build();
                    cases.add(Named.of(hp.toString(), new Case(hp,
                            () -> OptimizerReference.adagrad(0.1, lrDecay, weightDecay, initial, 1e-10))));
                }
            }
        }
        List<Arguments> arguments = new ArrayList<>();
        for (Named<Case> c : cases) {
            for (int size : SIZES) {
                for (boolean fused : new boolean[] {true, false}) {
                    arguments.add(Arguments.of(c, size, Named.of(fused ? "fused" : "reference", fused)));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} size {1} {2}")
    @MethodSource("cases")
    void followsTheDocumentedFormulaFor100Steps(Case c, int size, boolean fused) {
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

        double[] expected = new double[size];
        for (int i = 0; i < size; i++) {
            expected[i] = initial[i];
        }
        OptimizerReference reference = c.reference().get();
        float[] g = new float[size];
        double[] gd = new double[size];
        String where = c.hyperparameters() + " size " + size + (fused ? " fused" : " reference") + " on "
                + base.name();
        for (int step = 1; step <= STEPS; step++) {
            random.fillGaussian(g);
            for (int i = 0; i < size; i++) {
                gd[i] = g[i];
            }
            grad.copyFrom(g);
            optimizer.step();
            reference.step(expected, gd);
            assertClose(where + ", step " + step + ", param", param.toArray(), expected);
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
                assertClose(where + ", step " + step + ", " + buffer.getKey(), actual.values(), buffer.getValue());
            }
        }
        // The gradient is an input: kernels must not write it.
        float[] lastGrad = grad.toArray();
        for (int i = 0; i < size; i++) {
            if (Float.floatToRawIntBits(lastGrad[i]) != Float.floatToRawIntBits(g[i])) {
                fail(where + ": the gradient was modified at index " + i);
            }
        }
    }

    /**
     * Whether this backend's fused kernels do the reference update's float32 operations in the same order, so that
     * {@link #fusedKernelsMatchTheReferenceUpdate} can demand identical bits (scalar: no FMA contraction, one
     * rounding per operation). Otherwise the two must agree within the suite's tolerance.
     */
    protected boolean fusedKernelsAreBitIdenticalToTheReference() {
        return false;
    }

    static Stream<Arguments> algorithms() {
        return cases().filter(a -> (int) a.get()[1] == 1025 && ((Named<?>) a.get()[2]).getPayload() == Boolean.TRUE)
                .map(a -> Arguments.of(a.get()[0]));
    }

    /**
     * Every fused kernel against the algorithm's reference update (tensor operations) on the same backend, same
     * data, side by side for 30 steps: parameters and every buffer after every step.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void fusedKernelsMatchTheReferenceUpdate(Case c) {
        Backend fusedBackend = backend();
        Backend referenceBackend = new WithoutFusedOptimizerKernels(fusedBackend);
        int size = 1025;
        SeededRandom random = new SeededRandom(77);
        float[] initial = new float[size];
        random.fillGaussian(initial);
        Tensor fusedParam = Tensor.of(fusedBackend, initial, size).requiresGrad(true);
        Tensor referenceParam = Tensor.of(referenceBackend, initial, size).requiresGrad(true);
        Tensor fusedGrad = Tensor.zeros(fusedBackend, size);
        Tensor referenceGrad = Tensor.zeros(referenceBackend, size);
        fusedParam.setGrad(fusedGrad);
        referenceParam.setGrad(referenceGrad);
        Optimizer fused = Optimizer.of(c.hyperparameters(), fusedParam);
        Optimizer reference = Optimizer.of(c.hyperparameters(), referenceParam);
        float[] g = new float[size];
        boolean exact = fusedKernelsAreBitIdenticalToTheReference();
        for (int step = 1; step <= 30; step++) {
            random.fillGaussian(g);
            fusedGrad.copyFrom(g);
            referenceGrad.copyFrom(g);
            fused.step();
            reference.step();
            String where = c.hyperparameters() + " on " + fusedBackend.name() + ", step " + step;
            compare(where + ", param", fusedParam.toArray(), referenceParam.toArray(), exact);
            StateDict f = fused.stateDict();
            StateDict r = reference.stateDict();
            if (!f.buffers().keySet().equals(r.buffers().keySet())) {
                fail(where + ": fused state has " + f.buffers().keySet() + ", reference " + r.buffers().keySet());
            }
            for (String name : r.buffers().keySet()) {
                compare(where + ", " + name, f.buffers().get(name).values(), r.buffers().get(name).values(), exact);
            }
        }
    }

    private static void compare(String what, float[] fused, float[] reference, boolean exact) {
        double[] expected = new double[reference.length];
        for (int i = 0; i < reference.length; i++) {
            if (exact && Float.floatToRawIntBits(fused[i]) != Float.floatToRawIntBits(reference[i])) {
                fail(String.format(Locale.ROOT, "%s[%d]: fused %.9g, reference %.9g (must be bit-identical)",
                        what, i, fused[i], reference[i]));
            }
            expected[i] = reference[i];
        }
        assertClose(what, fused, expected);
    }

    static void assertClose(String what, float[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            double bound = ATOL + RTOL * Math.abs(expected[i]);
            if (!(error <= bound)) {
                fail(String.format(Locale.ROOT, "%s[%d]: got %.9g, float64 reference %.9g (error %.3g > %.3g)",
                        what, i, actual[i], expected[i], error, bound));
            }
        }
    }
}
