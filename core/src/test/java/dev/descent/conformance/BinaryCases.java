package dev.descent.conformance;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.Storage;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link BinaryOp}: same-shape operands at every suite size, NumPy broadcasting in every pattern core
 * hands to a kernel (scalar, row, column, both operands broadcasting, layouts that stay rank 3 after
 * collapsing, empty), a general strided read straight through the SPI, and all pairs of IEEE edge values.
 */
abstract class BinaryCases extends ConformanceCases {

    static Stream<Arguments> opsAndSizes() {
        return Arrays.stream(BinaryOp.values()).flatMap(op -> sizes().mapToObj(n -> Arguments.of(op, n)));
    }

    /** Left operands over the interesting domain of {@code op}. */
    static float[] left(BinaryOp op, int n, long seed) {
        return switch (op) {
            case POW -> logUniform(seed, n, -6, 6);
            case MAXIMUM, MINIMUM -> interleave(grid(seed, n), normal(seed + 1, n, 3));
            case EQ, NE, LT, LE, GT, GE -> grid(seed, n);
            default -> interleave(normal(seed, n, 3), wideMagnitudes(seed + 1, n));
        };
    }

    /** Right operands over the interesting domain of {@code op}. */
    static float[] right(BinaryOp op, int n, long seed) {
        return switch (op) {
            case POW -> uniform(seed, n, -3, 3);
            case DIV -> interleave(nonZero(seed, n), wideMagnitudes(seed + 1, n));
            case MAXIMUM, MINIMUM -> interleave(grid(seed, n), normal(seed + 1, n, 3));
            case EQ, NE, LT, LE, GT, GE -> grid(seed, n);
            default -> interleave(normal(seed, n, 3), wideMagnitudes(seed + 1, n));
        };
    }

    private static float[] interleave(float[] even, float[] odd) {
        float[] out = even.clone();
        for (int i = 1; i < out.length; i += 2) {
            out[i] = odd[i];
        }
        return out;
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("opsAndSizes")
    void sameShapeMatchesReference(BinaryOp op, int n) {
        float[] x = left(op, n, 2000 + op.ordinal());
        float[] y = right(op, n, 3000 + op.ordinal());
        float[] got = tensor(x).apply(op, tensor(y)).toArray();
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Reference.binary(op, x[i], y[i]);
        }
        Tolerance.of(op).check(op + " n=" + n, expected, got, i -> "x=" + x[i] + ", y=" + y[i]);
    }

    /** Pairs of operand shapes that exercise each broadcasting pattern. */
    static final int[][][] BROADCASTS = {
            {{3, 4}, {4}},              // row vector
            {{3, 4}, {3, 1}},           // column vector
            {{4}, {3, 4}},              // the left operand broadcasts
            {{}, {5}},                  // scalar left
            {{17}, {}},                 // scalar right
            {{}, {}},                   // both scalars
            {{1}, {1}},
            {{2, 3, 4}, {3, 1}},        // stays rank 3 after collapsing
            {{2, 1, 4}, {1, 3, 1}},     // both operands broadcast
            {{7, 1, 17}, {1, 5, 1}},
            {{17, 1025}, {1025}},       // odd row length: vector body and tail on every row
            {{1025, 3}, {1025, 1}},
            {{1, 1, 9}, {9}},           // leading size-1 dimensions
            {{2, 3, 1, 5}, {3, 4, 1}},
            {{0, 4}, {4}},              // empty output
            {{3, 0}, {3, 1}},
    };

    static Stream<Arguments> opsAndBroadcasts() {
        return Arrays.stream(BinaryOp.values()).flatMap(op -> Arrays.stream(BROADCASTS)
                .map(pair -> Arguments.of(op, Arrays.toString(pair[0]), Arrays.toString(pair[1]), pair[0], pair[1])));
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @MethodSource("opsAndBroadcasts")
    void broadcastingMatchesReference(BinaryOp op, String xText, String yText, int[] xDims, int[] yDims) {
        float[] x = left(op, size(xDims), 4000 + op.ordinal());
        float[] y = right(op, size(yDims), 5000 + op.ordinal());
        Tensor result = tensor(x, xDims).apply(op, tensor(y, yDims));
        int[] outDims = broadcast(xDims, yDims);
        assertThat(result.dims()).as("%s %s with %s: shape", op, xText, yText).containsExactly(outDims);
        double[] expected = new double[size(outDims)];
        int[] xIndex = new int[expected.length];
        int[] yIndex = new int[expected.length];
        for (int i = 0; i < expected.length; i++) {
            xIndex[i] = sourceIndex(i, outDims, xDims);
            yIndex[i] = sourceIndex(i, outDims, yDims);
            expected[i] = Reference.binary(op, x[xIndex[i]], y[yIndex[i]]);
        }
        Tolerance.of(op).check(op + " " + xText + " with " + yText, expected, result.toArray(),
                i -> "x=" + x[xIndex[i]] + ", y=" + y[yIndex[i]]);
    }

    static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.length ? a[a.length - i] : 1;
            int db = i <= b.length ? b[b.length - i] : 1;
            out[rank - i] = da == 1 ? db : da;
        }
        return out;
    }

    /** The flat index in an operand of {@code dims} that broadcasting reads for output element {@code flat}. */
    static int sourceIndex(int flat, int[] outDims, int[] dims) {
        int index = 0;
        int stride = 1;
        for (int i = 1; i <= dims.length; i++) {
            int outDim = outDims[outDims.length - i];
            int coordinate = (flat / strideOf(outDims, outDims.length - i)) % outDim;
            int d = dims[dims.length - i];
            index += (d == 1 ? 0 : coordinate) * stride;
            stride *= d;
        }
        return index;
    }

    private static int strideOf(int[] dims, int axis) {
        int s = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            s *= dims[d];
        }
        return s;
    }

    static final float[] EDGES = {0f, -0f, 1f, -1f, 2.5f, -3f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MIN_NORMAL, 1e30f, 1e-30f, 0.5f};

    /** All pairs of edge values (overflow, underflow, subnormal results, inf - inf, 0/0, NaN), as [17, 17]. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryOp.class)
    void edgeValuePairsMatchReference(BinaryOp op) {
        int n = EDGES.length;
        float[] x = new float[n * n];
        float[] y = new float[n * n];
        double[] expected = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[i * n + j] = EDGES[i];
                y[i * n + j] = EDGES[j];
                expected[i * n + j] = Reference.binary(op, EDGES[i], EDGES[j]);
            }
        }
        Tolerance.of(op).check(op + " on edge pairs", expected, tensor(x).apply(op, tensor(y)).toArray(),
                i -> "x=" + x[i] + ", y=" + y[i]);
        Tensor column = Tensor.of(backend(), EDGES, n, 1);
        Tensor row = Tensor.of(backend(), EDGES, 1, n);
        Tolerance.of(op).check(op + " on edge pairs, [17, 1] with [1, 17]", expected,
                column.apply(op, row).toArray(), i -> "x=" + x[i] + ", y=" + y[i]);
    }

    /** Subnormal operands and results are kept, not flushed to zero. */
    @Test
    void subnormalsAreNotFlushed() {
        float tiny = Float.MIN_VALUE;
        float[] x = {tiny, Float.MIN_NORMAL, 3 * tiny, Float.MIN_NORMAL, 1e-20f, 1e-30f};
        float[] y = {tiny, -tiny, 0.5f, 0.5f, 1e-20f, 1e-30f};
        float[] sum = tensor(x).add(tensor(y)).toArray();
        float[] product = tensor(x).mul(tensor(y)).toArray();
        assertThat(sum[0]).as("MIN_VALUE + MIN_VALUE").isEqualTo(2 * tiny);
        assertThat(sum[1]).as("MIN_NORMAL - MIN_VALUE").isEqualTo(Float.MIN_NORMAL - tiny);
        assertThat(product[2]).as("3·MIN_VALUE · 0.5 (round half to even)").isEqualTo(2 * tiny);
        assertThat(product[3]).as("MIN_NORMAL · 0.5").isEqualTo(Float.MIN_NORMAL / 2);
        assertThat(product[4]).as("1e-20 · 1e-20 is subnormal").isEqualTo((float) (1e-20f * (double) 1e-20f))
                .isNotZero();
        assertThat(product[5]).as("1e-30 · 1e-30 underflows to 0").isEqualTo(0f);
    }

    /** The named Tensor methods reach the ops they document. */
    @Test
    void namedMethodsMatchTheirOps() {
        float[] x = grid(8, 23);
        float[] y = grid(9, 23);
        Tensor a = tensor(x);
        Tensor b = tensor(y);
        assertOp(BinaryOp.ADD, x, y, a.add(b));
        assertOp(BinaryOp.SUB, x, y, a.sub(b));
        assertOp(BinaryOp.MUL, x, y, a.mul(b));
        assertOp(BinaryOp.DIV, x, y, a.div(b));
        assertOp(BinaryOp.POW, x, y, a.pow(b));
        assertOp(BinaryOp.MAXIMUM, x, y, a.maximum(b));
        assertOp(BinaryOp.MINIMUM, x, y, a.minimum(b));
        assertOp(BinaryOp.EQ, x, y, a.eq(b));
        assertOp(BinaryOp.NE, x, y, a.ne(b));
        assertOp(BinaryOp.LT, x, y, a.lt(b));
        assertOp(BinaryOp.LE, x, y, a.le(b));
        assertOp(BinaryOp.GT, x, y, a.gt(b));
        assertOp(BinaryOp.GE, x, y, a.ge(b));
    }

    private void assertOp(BinaryOp op, float[] x, float[] y, Tensor result) {
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Reference.binary(op, x[i], y[i]);
        }
        Tolerance.of(op).check(op + " through its named method", expected, result.toArray(),
                i -> "x=" + x[i] + ", y=" + y[i]);
    }

    /**
     * The kernel with strides core does not produce today but the SPI allows: x read transposed (stride 1 on
     * the outer axis), y broadcast along the inner axis.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BinaryOp.class, names = {"ADD", "DIV", "MAXIMUM", "LT"})
    void kernelReadsGeneralStrides(BinaryOp op) {
        int rows = 19;
        int cols = 23;
        float[] x = left(op, rows * cols, 61);   // stored as [cols, rows]; read as its transpose
        float[] y = right(op, rows, 62);          // one value per output row
        Storage xs = backend().upload(x, 0, x.length);
        Storage ys = backend().upload(y, 0, y.length);
        Storage out = backend().allocate(rows * cols);
        backend().binary(op, xs, new int[] {1, rows}, ys, new int[] {1, 0}, out, new int[] {rows, cols});
        float[] got = new float[rows * cols];
        backend().download(out, 0, got, 0, got.length);
        double[] expected = new double[got.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                expected[r * cols + c] = Reference.binary(op, x[c * rows + r], y[r]);
            }
        }
        Tolerance.of(op).check(op + " with strides x=[1, " + rows + "], y=[1, 0]", expected, got);
    }
}
