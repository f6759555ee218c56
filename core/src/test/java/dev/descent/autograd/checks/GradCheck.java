package dev.descent.autograd.checks;

import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.autograd.Node;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

import java.util.Locale;

/**
 * Compares the gradients autograd computes with central finite differences. For a function {@code f} of
 * tensor inputs, it draws a fixed random projection {@code w} of the output, runs {@code f(x).backward(w)}
 * (so non-scalar outputs exercise the full vector-Jacobian product), and compares each input's gradient with
 * {@code (w·f(x + h·e_j) - w·f(x - h·e_j)) / (2h)} for every element {@code j}. The projection, differences
 * and quotients are computed in float64 on the host; {@code f} itself is evaluated by the backend in float32,
 * which is why the default step is 1e-2 (its truncation error is O(h^2), the float32 rounding noise
 * O(1e-7/h)) and inputs should stay at least 2h away from kinks (relu at 0, ties of max, clamp bounds).
 *
 * <p>A test utility, shared with backend modules through core's test jar. Not thread-safe (it perturbs the
 * input tensors in place, restoring them afterwards).
 */
public final class GradCheck {
    /** A differentiable function of the inputs; it may ignore some. */
    @FunctionalInterface
    public interface Function {
        Tensor apply(Tensor... inputs);
    }

    private double step = 1e-2;
    private double absoluteTolerance = 1e-3;
    private double relativeTolerance = 1e-2;

    private GradCheck() {
    }

    /** A check with the defaults: step 1e-2, tolerance {@code 1e-3 + 1e-2·|numeric|}. */
    public static GradCheck create() {
        return new GradCheck();
    }

    public GradCheck step(double h) {
        this.step = h;
        return this;
    }

    public GradCheck tolerance(double absolute, double relative) {
        this.absoluteTolerance = absolute;
        this.relativeTolerance = relative;
        return this;
    }

    /** Checks {@code f} at {@code inputs} with the default settings. */
    public static void check(String name, Function f, Tensor... inputs) {
        create().run(name, f, inputs);
    }

    /**
     * Checks every input's gradient; inputs become leaves requiring gradients, and their gradients are
     * cleared first.
     *
     * @throws AssertionError naming the function, the input, the worst element and both values
     */
    public void run(String name, Function f, Tensor... inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].isLeaf()) {
                throw new IllegalArgumentException(name + ": input " + i + " comes from "
                        + inputs[i].gradFn().name() + "; gradient checks need leaf inputs (use detach())");
            }
            inputs[i].requiresGrad(true).setGrad(null);
        }
        Tensor out = f.apply(inputs);
        Backend backend = out.backend();
        double[] w = projection(out.size(), name.hashCode());
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            wf[i] = (float) w[i];
        }
        out.backward(Tensor.of(backend, wf).reshape(out.dims()));
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            float[] analytic = x.grad() == null ? new float[x.size()] : x.grad().toArray();
            double[] numeric = numericGradient(f, inputs, i, w);
            compare(name, i, x, analytic, numeric);
        }
    }

    private double[] numericGradient(Function f, Tensor[] inputs, int which, double[] w) {
        Tensor x = inputs[which];
        float[] values = x.toArray();
        double[] numeric = new double[values.length];
        try (NoGrad _ = GradMode.noGrad()) {
            for (int j = 0; j < values.length; j++) {
                float original = values[j];
                float plus = (float) (original + step);
                float minus = (float) (original - step);
                values[j] = plus;
                x.copyFrom(values);
                double fPlus = project(f.apply(inputs), w);
                values[j] = minus;
                x.copyFrom(values);
                double fMinus = project(f.apply(inputs), w);
                values[j] = original;
                x.copyFrom(values);
                numeric[j] = (fPlus - fMinus) / ((double) plus - (double) minus);
            }
        }
        return numeric;
    }

    private void compare(String name, int input, Tensor x, float[] analytic, double[] numeric) {
        int worst = -1;
        double worstExcess = 0;
        for (int j = 0; j < numeric.length; j++) {
            double allowed = absoluteTolerance + relativeTolerance * Math.abs(numeric[j]);
            double excess = Math.abs(analytic[j] - numeric[j]) - allowed;
            if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
                worst = j;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s: gradient of input %d (shape %s) differs at element %d: analytic %.6g, numeric %.6g "
                            + "(step %.1g, tolerance %.1g + %.1g*|numeric|)%n  analytic: %s%n  numeric:  %s",
                    name, input, x.shape(), worst, analytic[worst], numeric[worst], step, absoluteTolerance,
                    relativeTolerance, java.util.Arrays.toString(analytic), java.util.Arrays.toString(numeric)));
        }
    }

    private static double project(Tensor out, double[] w) {
        float[] v = out.toArray();
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += w[i] * v[i];
        }
        return s;
    }

    /** Weights in ±[0.5, 1.5): non-zero and unequal, so every output element and its position matter. */
    private static double[] projection(int n, long seed) {
        SeededRandom random = new SeededRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double magnitude = 0.5 + random.nextDouble();
            w[i] = random.nextDouble() < 0.5 ? -magnitude : magnitude;
        }
        return w;
    }
}
