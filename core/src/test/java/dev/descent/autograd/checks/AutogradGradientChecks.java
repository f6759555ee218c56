package dev.descent.autograd.checks;

import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.autograd.Node;
import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.UnaryOp;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gradient checks of every differentiable tensor operation against central finite differences
 * ({@link GradCheck}), for one backend. A backend module runs them with a one-line subclass that returns its
 * backend from {@link #backend()}.
 */
public abstract class AutogradGradientChecks {
    private static final Set<UnaryOp> NOT_DIFFERENTIABLE_UNARY = EnumSet.of(UnaryOp.SIGN, UnaryOp.EQ, UnaryOp.NE,
            UnaryOp.LT, UnaryOp.LE, UnaryOp.GT, UnaryOp.GE);
    private static final Set<BinaryOp> NOT_DIFFERENTIABLE_BINARY = EnumSet.of(BinaryOp.EQ, BinaryOp.NE,
            BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE);

    /** The backend under test. */
    protected abstract Backend backend();

    private TestInputs inputs(long seed) {
        return new TestInputs(backend(), seed);
    }

    // ---- elementwise --------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryOp(UnaryOp op) {
        TestInputs in = inputs(op.ordinal());
        // Positive inputs where the op needs them (log, sqrt, pow with a fractional exponent); elsewhere both
        // signs, at least 0.1 from 0 (the kink of abs/relu/leaky relu and the pole of 1/x).
        boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW;
        Tensor x = positive ? in.uniform(0.5f, 2f, 2, 3) : in.signed(0.1f, 1.5f, 2, 3);
        float a = switch (op) {
            case LEAKY_RELU -> 0.1f;
            case POW -> 2.5f;
            case CLAMP -> -0.6f;
            case DIVIDE -> 1.7f;
            default -> -1.3f;
        };
        float b = op == UnaryOp.CLAMP ? 0.7f : 0.4f;
        if (op == UnaryOp.CLAMP) {
            x = Tensor.of(backend(), new float[] {-1.2f, -0.3f, 0.2f, 0.5f, 1.1f, -0.9f}, 2, 3);
        }
        if (NOT_DIFFERENTIABLE_UNARY.contains(op)) {
            Tensor leaf = x.copy().requiresGrad(true);
            assertThat(leaf.map(op, a, b).requiresGrad()).as(op + " records nothing").isFalse();
            return;
        }
        GradCheck.check(op.name(), t -> t[0].map(op, a, b), x);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryOpWithBroadcasting(BinaryOp op) {
        if (NOT_DIFFERENTIABLE_BINARY.contains(op)) {
            Tensor x = inputs(1).signed(0.1f, 1f, 2, 3).requiresGrad(true);
            assertThat(x.apply(op, x.mul(0.5f)).requiresGrad()).as(op + " records nothing").isFalse();
            return;
        }
        int[][][] shapes = {
                {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 3}, {2, 1}}, {{2, 1}, {1, 3}}, {{3}, {}}, {{}, {2, 3}},
                {{2, 1, 3}, {4, 1}},
        };
        for (int[][] s : shapes) {
            TestInputs in = inputs(op.ordinal() * 31L + s[0].length * 7L + s[1].length);
            Tensor x;
            Tensor y;
            if (op == BinaryOp.POW) {
                x = in.uniform(0.5f, 2f, s[0]);
                y = in.signed(0.2f, 2f, s[1]);
            } else if (op == BinaryOp.MAXIMUM || op == BinaryOp.MINIMUM) {
                // Grids offset by 0.05: x and y never come within a step of each other.
                x = in.distinct(s[0]);
                y = in.distinct(s[1]).add(0.05f);
            } else {
                x = in.signed(0.3f, 1.5f, s[0]);
                y = in.signed(0.3f, 1.5f, s[1]);
            }
            GradCheck.check(op + " " + x.shape() + " " + y.shape(), t -> t[0].apply(op, t[1]), x, y);
        }
    }

    @Test
    void operandUsedTwiceAndDiamondGraphsSumTheirGradients() {
        TestInputs in = inputs(3);
        GradCheck.check("x*x + x", t -> t[0].mul(t[0]).add(t[0]), in.signed(0.1f, 1f, 3, 2));
        GradCheck.check("diamond", t -> {
            Tensor h = t[0].tanh();
            return h.exp().mul(h.sigmoid()).sub(h.square()).sum(1);
        }, in.signed(0.1f, 1f, 2, 3));
        GradCheck.check("chain of scalars", t -> t[0].mul(2f).add(1f).rsub(5f).div(4f).rdiv(5f).neg(),
                in.uniform(0.5f, 1f, 4));
    }

    // ---- reductions ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = ReduceOp.class, names = {"SUM", "MEAN", "MAX", "MIN"})
    void reductionOverAllElements(ReduceOp op) {
        GradCheck.check(op + " all", t -> t[0].reduceAll(op), inputs(op.ordinal()).distinct(3, 4));
    }

    @ParameterizedTest
    @EnumSource(value = ReduceOp.class, names = {"SUM", "MEAN", "MAX", "MIN"})
    void reductionAlongEachAxis(ReduceOp op) {
        for (int axis = -3; axis < 3; axis++) {
            for (boolean keepDim : new boolean[] {false, true}) {
                int a = axis;
                GradCheck.check(op + " axis " + a + " keepDim " + keepDim, t -> t[0].reduce(op, a, keepDim),
                        inputs(op.ordinal() * 10L + axis).distinct(2, 3, 2));
            }
        }
    }

    @Test
    void maxSplitsTheGradientEvenlyBetweenTies() {
        Tensor x = Tensor.of(backend(), new float[] {1f, 3f, 3f, 2f}).requiresGrad(true);
        x.max().backward();
        assertThat(x.grad().toArray()).containsExactly(0f, 0.5f, 0.5f, 0f);
    }

    @Test
    void argmaxAndArgminAreNotDifferentiable() {
        Tensor x = inputs(1).distinct(2, 3).requiresGrad(true);
        assertThat(x.argmax().requiresGrad()).isFalse();
        assertThat(x.argmax(1).requiresGrad()).isFalse();
        assertThat(x.argmin(0).requiresGrad()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, -1})
    void softmaxAndLogSoftmax(int axis) {
        TestInputs in = inputs(axis + 5);
        GradCheck.check("softmax axis " + axis, t -> t[0].softmax(axis), in.signed(0.1f, 2f, 2, 3, 2));
        GradCheck.check("logSoftmax axis " + axis, t -> t[0].logSoftmax(axis), in.signed(0.1f, 2f, 2, 3, 2));
    }

    // ---- linear algebra -----------------------------------------------------------------------------------

    @Test
    void matmulWithEveryTransposeCombination() {
        TestInputs in = inputs(11);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor a = ta ? in.signed(0.1f, 1f, 4, 3) : in.signed(0.1f, 1f, 3, 4);
                Tensor b = tb ? in.signed(0.1f, 1f, 2, 4) : in.signed(0.1f, 1f, 4, 2);
                GradCheck.check("matmul transA=" + ta + " transB=" + tb, t -> t[0].matmul(t[1], ta, tb), a, b);
            }
        }
        GradCheck.check("matmul", t -> t[0].matmul(t[1]), in.signed(0.1f, 1f, 1, 5), in.signed(0.1f, 1f, 5, 3));
    }

    @Test
    void matrixVectorDotAndOuterProducts() {
        TestInputs in = inputs(12);
        GradCheck.check("mv", t -> t[0].mv(t[1]), in.signed(0.1f, 1f, 3, 4), in.signed(0.1f, 1f, 4));
        GradCheck.check("dot", t -> t[0].dot(t[1]), in.signed(0.1f, 1f, 5), in.signed(0.1f, 1f, 5));
        GradCheck.check("outer", t -> t[0].outer(t[1]), in.signed(0.1f, 1f, 3), in.signed(0.1f, 1f, 2));
    }

    // ---- layout and indexing ------------------------------------------------------------------------------

    @Test
    void reshapeFlattenTransposeAndPermute() {
        TestInputs in = inputs(13);
        GradCheck.check("reshape", t -> t[0].reshape(3, -1).mul(t[0].reshape(3, 2)), in.signed(0.1f, 1f, 2, 3));
        GradCheck.check("flatten", t -> t[0].flatten().square(), in.signed(0.1f, 1f, 2, 3));
        GradCheck.check("transpose", t -> t[0].transpose().exp(), in.signed(0.1f, 1f, 2, 3));
        GradCheck.check("transpose(0, 2)", t -> t[0].transpose(0, 2).tanh(), in.signed(0.1f, 1f, 2, 3, 4));
        GradCheck.check("permute(2, 0, 1)", t -> t[0].permute(2, 0, 1).sigmoid(), in.signed(0.1f, 1f, 2, 3, 4));
    }

    @Test
    void broadcastToSumsTheGradientBack() {
        TestInputs in = inputs(14);
        GradCheck.check("broadcastTo [2,3,4] from [3,1]", t -> t[0].broadcastTo(2, 3, 4), in.signed(0.1f, 1f, 3, 1));
        GradCheck.check("broadcastTo from scalar", t -> t[0].broadcastTo(2, 2), in.signed(0.1f, 1f));
    }

    @Test
    void sliceAndRowsPadTheGradientWithZeros() {
        TestInputs in = inputs(15);
        GradCheck.check("slice axis 1", t -> t[0].slice(1, 1, 3).exp(), in.signed(0.1f, 1f, 2, 4));
        GradCheck.check("slice axis -1 of 3-D", t -> t[0].slice(-1, 0, 1), in.signed(0.1f, 1f, 2, 3, 2));
        GradCheck.check("rows", t -> t[0].rows(1, 3).square(), in.signed(0.1f, 1f, 4, 2));
        GradCheck.check("empty slice", t -> t[0].slice(0, 1, 1).sum().add(t[0].sum()), in.signed(0.1f, 1f, 3, 2));
    }

    @Test
    void gatherAndScatterRowsWithRepeatedIndices() {
        TestInputs in = inputs(16);
        int[] rows = {2, 0, 2, 1, 2};
        GradCheck.check("gatherRows", t -> t[0].gatherRows(rows).square(), in.signed(0.1f, 1f, 3, 2));
        GradCheck.check("scatterAddRows", t -> t[0].scatterAddRows(rows, 4).square(), in.signed(0.1f, 1f, 5, 2));
    }

    @Test
    void concatSplitsTheGradient() {
        TestInputs in = inputs(17);
        GradCheck.check("concat axis 0", t -> Tensor.concat(0, t[0], t[1], t[2]).square(),
                in.signed(0.1f, 1f, 1, 2), in.signed(0.1f, 1f, 2, 2), in.signed(0.1f, 1f, 3, 2));
        GradCheck.check("concat axis 1, one input twice", t -> Tensor.concat(1, t[0], t[1], t[0]).tanh(),
                in.signed(0.1f, 1f, 2, 1), in.signed(0.1f, 1f, 2, 3));
    }

    @Test
    void copiesPassTheGradientThrough() {
        TestInputs in = inputs(18);
        GradCheck.check("copy", t -> t[0].copy().mul(t[0]), in.signed(0.1f, 1f, 2, 2));
        GradCheck.check("to(same backend)", t -> t[0].to(backend()).exp(), in.signed(0.1f, 1f, 3));
    }

    @Test
    void operandsThatNeedNoGradientGetNone() {
        TestInputs in = inputs(19);
        Tensor w = in.signed(0.1f, 1f, 3, 2).requiresGrad(true);
        Tensor x = in.signed(0.1f, 1f, 4, 3);
        x.matmul(w).sum().backward();
        assertThat(x.grad()).isNull();
        assertThat(w.grad()).isNotNull();
        assertThat(w.grad().toArray()).hasSize(6);
    }
}
