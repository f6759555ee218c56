package dev.descent.conformance;

import dev.descent.spi.ReduceOp;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link ReduceOp} over all elements at every suite size and along each axis of rank 1 to 3 tensors,
 * with and without {@code keepDim}; NaN propagation and first-index ties for max/min/argmax/argmin; sums of
 * positive terms (the hardest case for float accumulation); and softmax / log-softmax along every axis,
 * including logits of ±1000 and rows containing -inf.
 */
abstract class ReductionCases extends ConformanceCases {

    /** Inputs for {@code op}: uniform [0, 1) or normal for sums, ties and NaN-free mixtures for extremes. */
    static float[] inputs(ReduceOp op, int n, long seed, boolean positive) {
        return switch (op) {
            case SUM, MEAN -> positive ? uniform(seed, n, 0, 1) : normal(seed, n, 1);
            default -> positive ? grid(seed, n) : normal(seed, n, 1);
        };
    }

    static Tolerance tolerance(ReduceOp op, int length, Reference.Reduction ref) {
        return switch (op) {
            case SUM, MEAN -> Tolerance.accumulated(length, ref.sumAbs());
            default -> Tolerance.EXACT_ANY_ZERO;
        };
    }

    static Stream<Arguments> allElements() {
        List<Arguments> out = new ArrayList<>();
        for (ReduceOp op : ReduceOp.values()) {
            for (int n : SIZES) {
                if (n == 0) {
                    continue; // empty reductions: see emptyReductions
                }
                out.add(Arguments.of(op, n, true));
                out.add(Arguments.of(op, n, false));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} n={1} positive/ties={2}")
    @MethodSource("allElements")
    void overAllElements(ReduceOp op, int n, boolean positive) {
        float[] x = inputs(op, n, 6000 + n, positive);
        Tensor result = tensor(x).reduceAll(op);
        assertThat(result.dims()).isEmpty();
        Reference.Reduction ref = Reference.reduce(op, x, 1, n, 1);
        tolerance(op, n, ref).check(op + " of all " + n + " elements", ref.values(), result.toArray());
    }

    /** Shapes whose every axis is reduced; odd lengths on every axis. */
    static final int[][] SHAPES = {{1}, {7}, {1025}, {7, 17}, {17, 7}, {1, 1025}, {1025, 3}, {3, 5, 7}, {2, 1, 1025},
            {4, 17, 9}, {33, 65, 2}};

    static Stream<Arguments> alongAxes() {
        List<Arguments> out = new ArrayList<>();
        for (ReduceOp op : ReduceOp.values()) {
            for (int[] dims : SHAPES) {
                for (int axis = 0; axis < dims.length; axis++) {
                    out.add(Arguments.of(op, Arrays.toString(dims), dims, axis));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} of {1} along axis {3}")
    @MethodSource("alongAxes")
    void alongOneAxis(ReduceOp op, String text, int[] dims, int axis) {
        int size = BinaryCases.size(dims);
        float[] x = inputs(op, size, 7000 + size + axis, axis % 2 == 0);
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        Reference.Reduction ref = Reference.reduce(op, x, outer, dims[axis], inner);
        Tensor t = Tensor.of(backend(), x, dims);
        for (boolean keepDim : new boolean[] {false, true}) {
            int[] expectedDims = reducedDims(dims, axis, keepDim);
            int negative = axis - dims.length;
            Tensor result = t.reduce(op, keepDim ? axis : negative, keepDim);
            assertThat(result.dims()).as("%s of %s along axis %d, keepDim=%s: shape", op, text, axis, keepDim)
                    .containsExactly(expectedDims);
            tolerance(op, dims[axis], ref).check(op + " of " + text + " along axis " + axis + " keepDim=" + keepDim,
                    ref.values(), result.toArray());
        }
    }

    static int[] reducedDims(int[] dims, int axis, boolean keepDim) {
        if (keepDim) {
            int[] out = dims.clone();
            out[axis] = 1;
            return out;
        }
        int[] out = new int[dims.length - 1];
        for (int d = 0, j = 0; d < dims.length; d++) {
            if (d != axis) {
                out[j++] = dims[d];
            }
        }
        return out;
    }

    /** NaN wins max/min and argmax/argmin picks the first NaN; ties pick the first index; inf - inf is NaN. */
    @Test
    void specialValues() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[] withNaN = pad(new float[] {1f, 5f, nan, 7f, nan, -2f});
        assertThat(tensor(withNaN).max().item()).as("max with NaN").isNaN();
        assertThat(tensor(withNaN).min().item()).as("min with NaN").isNaN();
        assertThat(tensor(withNaN).sum().item()).as("sum with NaN").isNaN();
        assertThat(tensor(withNaN).argmax().item()).as("argmax picks the first NaN").isEqualTo(PAD + 2f);
        assertThat(tensor(withNaN).reduceAll(ReduceOp.ARGMIN).item()).as("argmin picks the first NaN")
                .isEqualTo(PAD + 2f);
        float[] ties = pad(new float[] {1f, 3f, -4f, 3f, -4f, 2f});
        assertThat(tensor(ties).argmax().item()).as("argmax tie").isEqualTo(PAD + 1f);
        assertThat(tensor(ties).reduceAll(ReduceOp.ARGMIN).item()).as("argmin tie").isEqualTo(PAD + 2f);
        float[] infinities = pad(new float[] {inf, 1f, -inf});
        assertThat(tensor(infinities).sum().item()).as("inf + -inf").isNaN();
        assertThat(tensor(infinities).max().item()).isEqualTo(inf);
        assertThat(tensor(infinities).min().item()).isEqualTo(-inf);
        float[] allNegativeInfinity = new float[1025];
        Arrays.fill(allNegativeInfinity, -inf);
        assertThat(tensor(allNegativeInfinity).max().item()).isEqualTo(-inf);
        assertThat(tensor(allNegativeInfinity).argmax().item()).as("argmax of all -inf").isEqualTo(0f);
        float[] late = new float[1025];
        late[1024] = nan;
        assertThat(tensor(late).max().item()).as("NaN in the tail").isNaN();
        assertThat(tensor(late).argmax().item()).as("NaN in the tail").isEqualTo(1024f);
        float[] lateMax = normal(3, 1025, 1);
        lateMax[1024] = 100f;
        lateMax[1023] = -100f;
        assertThat(tensor(lateMax).argmax().item()).as("maximum in the tail").isEqualTo(1024f);
        assertThat(tensor(lateMax).reduceAll(ReduceOp.ARGMIN).item()).as("minimum in the tail").isEqualTo(1023f);
    }

    private static final int PAD = 64;

    /** {@value #PAD} filler values in front of a short pattern, so the pattern lands in a kernel's tail. */
    private static float[] pad(float[] pattern) {
        float[] out = new float[PAD + pattern.length];
        Arrays.fill(out, 0.25f);
        System.arraycopy(pattern, 0, out, PAD, pattern.length);
        return out;
    }

    /** Subnormal terms sum exactly (no flush to zero); large magnitudes cancel within the bound. */
    @Test
    void extremeMagnitudes() {
        float[] tiny = new float[1000];
        Arrays.fill(tiny, Float.MIN_VALUE);
        assertThat(tensor(tiny).sum().item()).as("sum of 1000 MIN_VALUE").isEqualTo(1000 * Float.MIN_VALUE);
        float[] wide = wideMagnitudes(11, 4099);
        Reference.Reduction ref = Reference.reduce(ReduceOp.SUM, wide, 1, wide.length, 1);
        Tolerance.accumulated(wide.length, ref.sumAbs()).check("sum of 2^-60..2^60 magnitudes", ref.values(),
                new float[] {tensor(wide).sum().item()});
    }

    /** Core fills empty reductions itself: sum 0, mean NaN, along an empty axis too. */
    @Test
    void emptyReductions() {
        Tensor empty = Tensor.zeros(backend(), 0);
        assertThat(empty.sum().item()).isEqualTo(0f);
        assertThat(empty.mean().item()).isNaN();
        Tensor rowsOfNothing = Tensor.zeros(backend(), 3, 0);
        assertThat(rowsOfNothing.sum(1).toArray()).containsExactly(0f, 0f, 0f);
        assertThat(rowsOfNothing.sum(0).dims()).containsExactly(0);
        assertThat(rowsOfNothing.max(0, true).dims()).containsExactly(1, 0);
    }

    /** The named Tensor methods reach the ops they document. */
    @Test
    void namedMethodsMatchTheirOps() {
        float[] x = grid(12, 5 * 7);
        Tensor t = Tensor.of(backend(), x, 5, 7);
        assertSame(t.reduceAll(ReduceOp.SUM), t.sum());
        assertSame(t.reduceAll(ReduceOp.MEAN), t.mean());
        assertSame(t.reduceAll(ReduceOp.MAX), t.max());
        assertSame(t.reduceAll(ReduceOp.MIN), t.min());
        assertSame(t.reduceAll(ReduceOp.ARGMAX), t.argmax());
        assertSame(t.reduce(ReduceOp.SUM, 1, false), t.sum(1));
        assertSame(t.reduce(ReduceOp.SUM, 0, true), t.sum(0, true));
        assertSame(t.reduce(ReduceOp.MEAN, 1, false), t.mean(1));
        assertSame(t.reduce(ReduceOp.MEAN, -1, true), t.mean(-1, true));
        assertSame(t.reduce(ReduceOp.MAX, 0, false), t.max(0));
        assertSame(t.reduce(ReduceOp.MAX, 1, true), t.max(1, true));
        assertSame(t.reduce(ReduceOp.MIN, 0, false), t.min(0));
        assertSame(t.reduce(ReduceOp.MIN, 1, true), t.min(1, true));
        assertSame(t.reduce(ReduceOp.ARGMAX, 1, false), t.argmax(1));
        assertSame(t.reduce(ReduceOp.ARGMAX, 0, true), t.argmax(0, true));
        assertSame(t.reduce(ReduceOp.ARGMIN, 1, false), t.argmin(1));
    }

    private static void assertSame(Tensor expected, Tensor actual) {
        assertThat(actual.dims()).containsExactly(expected.dims());
        assertThat(actual.toArray()).containsExactly(expected.toArray());
    }

    // ---- softmax ------------------------------------------------------------------------------------------

    static final int[][] SOFTMAX_SHAPES = {{1}, {7}, {1025}, {4099}, {3, 17}, {17, 3}, {5, 1025}, {2, 7, 3}, {3, 1, 5},
            {4, 9, 65}};

    static Stream<Arguments> softmaxCases() {
        List<Arguments> out = new ArrayList<>();
        for (int[] dims : SOFTMAX_SHAPES) {
            for (int axis = 0; axis < dims.length; axis++) {
                for (boolean log : new boolean[] {false, true}) {
                    out.add(Arguments.of(log ? "logSoftmax" : "softmax", Arrays.toString(dims), dims, axis, log));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} of {1} along axis {3}")
    @MethodSource("softmaxCases")
    void softmaxAlongOneAxis(String name, String text, int[] dims, int axis, boolean log) {
        int size = BinaryCases.size(dims);
        checkSoftmax(name + " of " + text, normal(8000 + size + axis, size, 3), dims, axis, log);
    }

    /** Logits of ±1000 (exp overflows without the max subtraction) and rows with -inf entries. */
    @Test
    void softmaxIsStable() {
        int rows = 6;
        int cols = 1025;
        float[] x = normal(81, rows * cols, 2);
        for (int c = 0; c < cols; c++) {
            x[c] += 1000f;                      // row 0: large positive logits
            x[cols + c] -= 1000f;               // row 1: large negative logits
        }
        x[2 * cols] = 1000f;                    // row 2: one dominant logit
        x[2 * cols + 1] = -1000f;
        for (int c = 0; c < cols; c += 3) {
            x[3 * cols + c] = Float.NEGATIVE_INFINITY; // row 3: every third logit is -inf, including the tail
        }
        x[4 * cols + cols - 1] = Float.NEGATIVE_INFINITY; // row 4: -inf only in the tail
        x[5 * cols] = Float.NEGATIVE_INFINITY;  // row 5: -inf first
        for (boolean log : new boolean[] {false, true}) {
            String name = log ? "logSoftmax" : "softmax";
            checkSoftmax(name + " with extreme logits", x, new int[] {rows, cols}, 1, log);
            float[] columnMajor = new float[x.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    columnMajor[c * rows + r] = x[r * cols + c];
                }
            }
            checkSoftmax(name + " with extreme logits along axis 0", columnMajor, new int[] {cols, rows}, 0, log);
        }
        Tensor p = Tensor.of(backend(), x, rows, cols).softmax(1);
        float[] values = p.toArray();
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).as("softmax element %d", i).isBetween(0f, 1f);
        }
        assertThat(values[3 * cols]).as("softmax of -inf").isEqualTo(0f);
        assertThat(Tensor.of(backend(), x, rows, cols).logSoftmax(1).toArray()[3 * cols]).as("logSoftmax of -inf")
                .isEqualTo(Float.NEGATIVE_INFINITY);
    }

    private void checkSoftmax(String what, float[] x, int[] dims, int axis, boolean log) {
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        Reference.Softmax ref = Reference.softmax(x, outer, dims[axis], inner, log);
        Tensor t = Tensor.of(backend(), x, dims);
        Tensor result = log ? t.logSoftmax(axis) : t.softmax(axis - dims.length);
        assertThat(result.dims()).containsExactly(dims);
        Tolerance.softmax(dims[axis], ref, log).check(what + " along axis " + axis, ref.values(), result.toArray(),
                i -> element("x", x, i));
    }
}
