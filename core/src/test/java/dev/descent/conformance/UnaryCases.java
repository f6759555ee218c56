package dev.descent.conformance;

import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
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
 * Every {@link UnaryOp}: seeded random inputs chosen for each op's domain at every suite size, IEEE edge values
 * (signed zeros, subnormals, infinities, NaN, overflow and underflow) placed both in the vector body and in the
 * tail of a kernel, and the named results the SPI promises (e.g. {@code sigmoid(-1000) == 0} without NaN).
 */
abstract class UnaryCases extends ConformanceCases {

    static Stream<Arguments> opsAndSizes() {
        return Arrays.stream(UnaryOp.values()).flatMap(op -> sizes().mapToObj(n -> Arguments.of(op, n)));
    }

    /** The scalar parameter {@code a} the suite uses for {@code op}. */
    static float paramA(UnaryOp op) {
        return switch (op) {
            case LEAKY_RELU -> 0.01f;
            case POW -> 2.5f;
            case CLAMP -> -1f;
            case ADD -> 3.25f;
            case SUBTRACT_FROM -> 1.5f;
            case MULTIPLY -> -2.75f;
            case DIVIDE -> 3f;
            case DIVIDE_INTO -> 2.5f;
            case AFFINE -> 1.5f;
            case EQ, NE, LT, LE, GT, GE -> 0.5f;
            default -> 0f;
        };
    }

    /** The scalar parameter {@code b} the suite uses for {@code op}. */
    static float paramB(UnaryOp op) {
        return switch (op) {
            case CLAMP -> 2f;
            case AFFINE -> -0.25f;
            default -> 0f;
        };
    }

    /** Random inputs over the interesting domain of {@code op}: half wide-range, half near the common case. */
    static float[] inputs(UnaryOp op, int n, long seed) {
        return switch (op) {
            case EXP -> interleave(uniform(seed, n, -80, 80), normal(seed + 1, n, 2));
            case LOG -> interleave(logUniform(seed, n, -120, 120), uniform(seed + 1, n, 0.5, 2));
            case SQRT -> interleave(logUniform(seed, n, -120, 120), uniform(seed + 1, n, 0, 4));
            case TANH -> interleave(uniform(seed, n, -20, 20), normal(seed + 1, n, 1));
            case SIGMOID -> interleave(uniform(seed, n, -90, 90), normal(seed + 1, n, 4));
            case POW -> logUniform(seed, n, -6, 6);
            case RECIPROCAL, DIVIDE_INTO -> interleave(nonZero(seed, n), wideMagnitudes(seed + 1, n));
            case EQ, NE, LT, LE, GT, GE -> grid(seed, n);
            case AFFINE -> normal(seed, n, 10);
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

    private void check(String what, UnaryOp op, float[] x, float a, float b, float[] got) {
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Reference.unary(op, x[i], a, b);
        }
        Tolerance.of(op, x, a, b).check(what, expected, got, i -> element("x", x, i));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("opsAndSizes")
    void matchesReference(UnaryOp op, int n) {
        float[] x = inputs(op, n, 1000 + op.ordinal());
        float a = paramA(op);
        float b = paramB(op);
        check(op + "(a=" + a + ", b=" + b + ") n=" + n, op, x, a, b, tensor(x).map(op, a, b).toArray());
    }

    /**
     * The IEEE edge values, repeated so that each lands both in a kernel's vector body and in its scalar tail
     * (lengths 2·33 + 5 are odd and larger than any vector width).
     */
    static final float[] EDGES = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 2f, -2f, 3f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MIN_NORMAL, -Float.MIN_NORMAL, 3 * Float.MIN_VALUE, 1e-30f, -1e-30f, 1e30f, -1e30f, 50f, -50f,
            88f, -87f, 89f, -104f, 1000f, -1000f, 1e-8f, -1e-8f};

    static float[] edgeInputs() {
        float[] x = new float[2 * EDGES.length + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = EDGES[i % EDGES.length];
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnaryOp.class)
    void edgeValuesMatchReference(UnaryOp op) {
        float[] x = edgeInputs();
        float a = paramA(op);
        float b = paramB(op);
        check(op + "(a=" + a + ", b=" + b + ") on edge values", op, x, a, b, tensor(x).map(op, a, b).toArray());
    }

    /** Comparisons with NaN, either side, are false except NE; -0 equals +0. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = UnaryOp.class, names = {"EQ", "NE", "LT", "LE", "GT", "GE"})
    void comparisonsWithNaNAndSignedZero(UnaryOp op) {
        float[] x = edgeInputs();
        for (float a : new float[] {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE}) {
            check(op + "(a=" + a + ") on edge values", op, x, a, 0f, tensor(x).map(op, a, 0f).toArray());
        }
    }

    /** Math.pow's special cases, with negative bases and integral or fractional exponents. */
    @Test
    void powSpecialCases() {
        float[] x = edgeInputs();
        for (float a : new float[] {0f, 1f, -1f, 2f, 3f, -3f, 0.5f, -1.5f, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY}) {
            check("POW(a=" + a + ") on edge values", UnaryOp.POW, x, a, 0f, tensor(x).map(UnaryOp.POW, a, 0f).toArray());
        }
        float[] mixed = normal(77, 1025, 3);
        for (float a : new float[] {-3f, -2f, -1f, 2f, 3f, 0.5f, -0.5f}) {
            check("POW(a=" + a + ") on signed inputs", UnaryOp.POW, mixed, a, 0f,
                    tensor(mixed).map(UnaryOp.POW, a, 0f).toArray());
        }
    }

    /** Results the SPI names explicitly, checked bit for bit. */
    @Test
    void namedEdgeResults() {
        pin(UnaryOp.NEG, 0f, -0f);
        pin(UnaryOp.NEG, -0f, 0f);
        pin(UnaryOp.ABS, -0f, 0f);
        pin(UnaryOp.ABS, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
        pin(UnaryOp.SIGN, -0f, -0f);
        pin(UnaryOp.SIGN, 0f, 0f);
        pin(UnaryOp.SIGN, Float.NaN, Float.NaN);
        pin(UnaryOp.SIGN, -Float.MIN_VALUE, -1f);
        pin(UnaryOp.EXP, -1000f, 0f);
        pin(UnaryOp.EXP, Float.NEGATIVE_INFINITY, 0f);
        pin(UnaryOp.EXP, 89f, Float.POSITIVE_INFINITY);
        pin(UnaryOp.EXP, 1000f, Float.POSITIVE_INFINITY);
        pin(UnaryOp.LOG, 0f, Float.NEGATIVE_INFINITY);
        pin(UnaryOp.LOG, -0f, Float.NEGATIVE_INFINITY);
        pin(UnaryOp.LOG, -1f, Float.NaN);
        pin(UnaryOp.LOG, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY);
        pin(UnaryOp.SQRT, -1f, Float.NaN);
        pin(UnaryOp.SQRT, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY);
        pin(UnaryOp.RECIPROCAL, -0f, Float.NEGATIVE_INFINITY);
        pin(UnaryOp.RECIPROCAL, Float.NEGATIVE_INFINITY, -0f);
        pin(UnaryOp.TANH, 50f, 1f);
        pin(UnaryOp.TANH, -50f, -1f);
        pin(UnaryOp.TANH, Float.POSITIVE_INFINITY, 1f);
        pin(UnaryOp.TANH, Float.NEGATIVE_INFINITY, -1f);
        pin(UnaryOp.SIGMOID, 1000f, 1f);
        pin(UnaryOp.SIGMOID, -1000f, 0f);
        pin(UnaryOp.SIGMOID, Float.POSITIVE_INFINITY, 1f);
        pin(UnaryOp.SIGMOID, Float.NEGATIVE_INFINITY, 0f);
        pin(UnaryOp.SIGMOID, Float.NaN, Float.NaN);
        pin(UnaryOp.RELU, Float.NaN, Float.NaN);
        pin(UnaryOp.RELU, Float.NEGATIVE_INFINITY, 0f);
        pin(UnaryOp.CLAMP, Float.NaN, Float.NaN);
        pin(UnaryOp.LEAKY_RELU, -0f, -0f);
        pin(UnaryOp.LEAKY_RELU, Float.NaN, Float.NaN);
    }

    private void pin(UnaryOp op, float x, float expected) {
        float[] input = new float[37];
        Arrays.fill(input, x);
        float[] got = tensor(input).map(op, paramA(op), paramB(op)).toArray();
        for (int i = 0; i < got.length; i++) {
            boolean ok = Float.isNaN(expected) ? Float.isNaN(got[i])
                    : expected == 0 && (op == UnaryOp.RELU || op == UnaryOp.CLAMP) ? got[i] == 0
                    : Float.floatToIntBits(got[i]) == Float.floatToIntBits(expected);
            assertThat(ok).as("%s(%s) at index %d of %d: expected %s, got %s", op, x, i, got.length,
                    signed(expected), signed(got[i])).isTrue();
        }
    }

    private static String signed(float v) {
        return v == 0 && 1 / v < 0 ? "-0.0" : Float.toString(v);
    }

    /** The named Tensor methods reach the ops and parameters they document. */
    @Test
    void namedMethodsMatchTheirOps() {
        float[] x = normal(5, 17, 2);
        Tensor t = tensor(x);
        assertOp(UnaryOp.NEG, x, 0, 0, t.neg());
        assertOp(UnaryOp.ABS, x, 0, 0, t.abs());
        assertOp(UnaryOp.SIGN, x, 0, 0, t.sign());
        assertOp(UnaryOp.SQUARE, x, 0, 0, t.square());
        assertOp(UnaryOp.RECIPROCAL, x, 0, 0, t.reciprocal());
        assertOp(UnaryOp.TANH, x, 0, 0, t.tanh());
        assertOp(UnaryOp.SIGMOID, x, 0, 0, t.sigmoid());
        assertOp(UnaryOp.RELU, x, 0, 0, t.relu());
        assertOp(UnaryOp.EXP, x, 0, 0, t.exp());
        assertOp(UnaryOp.LEAKY_RELU, x, 0.2f, 0, t.leakyRelu(0.2f));
        assertOp(UnaryOp.CLAMP, x, -1, 1, t.clamp(-1, 1));
        assertOp(UnaryOp.ADD, x, 1.5f, 0, t.add(1.5f));
        assertOp(UnaryOp.ADD, x, -1.5f, 0, t.sub(1.5f));
        assertOp(UnaryOp.SUBTRACT_FROM, x, 1.5f, 0, t.rsub(1.5f));
        assertOp(UnaryOp.MULTIPLY, x, 1.5f, 0, t.mul(1.5f));
        assertOp(UnaryOp.DIVIDE, x, 1.5f, 0, t.div(1.5f));
        assertOp(UnaryOp.DIVIDE_INTO, x, 1.5f, 0, t.rdiv(1.5f));
        assertOp(UnaryOp.EQ, x, 1f, 0, t.eq(1f));
        assertOp(UnaryOp.NE, x, 1f, 0, t.ne(1f));
        assertOp(UnaryOp.LT, x, 1f, 0, t.lt(1f));
        assertOp(UnaryOp.LE, x, 1f, 0, t.le(1f));
        assertOp(UnaryOp.GT, x, 1f, 0, t.gt(1f));
        assertOp(UnaryOp.GE, x, 1f, 0, t.ge(1f));
        float[] positive = logUniform(6, 17, -3, 3);
        Tensor p = tensor(positive);
        assertOp(UnaryOp.LOG, positive, 0, 0, p.log());
        assertOp(UnaryOp.SQRT, positive, 0, 0, p.sqrt());
        assertOp(UnaryOp.POW, positive, 1.7f, 0, p.pow(1.7f));
        assertThat(t.neg().dims()).containsExactly(17);
    }

    private void assertOp(UnaryOp op, float[] x, float a, float b, Tensor result) {
        check(op + " through its named method", op, x, a, b, result.toArray());
    }

    /** The kernel itself: only the first {@code length} elements change, and in-place use works. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = UnaryOp.class, names = {"NEG", "EXP", "TANH", "AFFINE", "GT"})
    void kernelWritesOnlyItsLengthAndWorksInPlace(UnaryOp op) {
        int length = 1025;
        float[] x = inputs(op, length + 9, 31);
        float a = paramA(op);
        float b = paramB(op);
        Storage in = backend().upload(x, 0, x.length);
        Storage out = backend().allocate(x.length);
        backend().fill(out, 0, x.length, 42f);
        backend().unary(op, in, out, length, a, b);
        float[] got = new float[x.length];
        backend().download(out, 0, got, 0, x.length);
        check(op + " kernel, first " + length, op, Arrays.copyOf(x, length), a, b, Arrays.copyOf(got, length));
        for (int i = length; i < x.length; i++) {
            assertThat(got[i]).as("%s wrote past length %d at index %d", op, length, i).isEqualTo(42f);
        }
        backend().unary(op, in, in, length, a, b);
        backend().download(in, 0, got, 0, x.length);
        check(op + " kernel in place", op, Arrays.copyOf(x, length), a, b, Arrays.copyOf(got, length));
        assertThat(Arrays.copyOfRange(got, length, x.length)).as("%s in place past length", op)
                .containsExactly(Arrays.copyOfRange(x, length, x.length));
    }
}
