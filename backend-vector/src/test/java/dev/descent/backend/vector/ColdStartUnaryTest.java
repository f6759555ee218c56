package dev.descent.backend.vector;

import dev.descent.spi.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ColdStartUnary} may split an op's range anywhere between the Vector API loop and the plain loop; every split
 * must give the Vector API kernel's bits (inputs include zeros, signed zeros, infinities, NaN and large values).
 */
class ColdStartUnaryTest {
    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void everySplitGivesTheVectorKernelsBits(UnaryOp op) {
        if (!SmallKernels.handles(op)) {
            return;
        }
        int length = 16 * VectorShapes.LANES + 7;
        SplittableRandom r = new SplittableRandom(op.ordinal() + 1);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * (i % 5 == 0 ? 100 : 3));
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = Float.POSITIVE_INFINITY;
        x[3] = Float.NEGATIVE_INFINITY;
        x[4] = Float.NaN;
        float a = op == UnaryOp.POW ? 3f : 0.5f;
        float b = 1.5f;
        float[] expected = new float[length];
        Elementwise.unary(op, x, expected, 0, length, a, b);
        for (int split : new int[] {0, VectorShapes.LANES, 5 * VectorShapes.LANES, length}) {
            float[] o = new float[length];
            Elementwise.unary(op, x, o, 0, split, a, b);
            SmallKernels.unary(op, x, o, split, length, a, b);
            for (int i = 0; i < length; i++) {
                assertThat(Float.floatToRawIntBits(o[i])).as(op + " split " + split + " at " + i + " x=" + x[i])
                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
        float[] o = new float[length];
        for (int call = 0; call < 50; call++) {
            ColdStartUnary.unary(op, x, o, length, a, b);
        }
        for (int i = 0; i < length; i++) {
            assertThat(Float.floatToRawIntBits(o[i])).as(op + " through the rule at " + i)
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }
}
