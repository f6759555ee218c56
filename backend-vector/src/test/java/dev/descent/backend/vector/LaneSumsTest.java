package dev.descent.backend.vector;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LaneSums#sum} adds lanes in the documented pairwise-halves order, bit for bit, on random vectors whose
 * lane order matters (mixed signs and magnitudes), for many calls, so that the check runs in the interpreter, in
 * C1 and, once compiled, in C2.
 */
class LaneSumsTest {
    @Test
    void addsLanesAsAPairwiseHalvesTreeInEveryJitState() {
        Random random = new Random(3);
        int lanes = VectorShapes.LANES;
        float[] values = new float[lanes];
        int orderMatters = 0;
        for (int round = 0; round < 20_000; round++) {
            for (int k = 0; k < lanes; k++) {
                values[k] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
            }
            FloatVector v = FloatVector.fromArray(VectorShapes.SPECIES, values, 0);
            float expected = LaneSums.sumAnyLength(v);
            float sequential = 0f;
            for (float value : values) {
                sequential += value;
            }
            if (sequential != expected) {
                orderMatters++;
            }
            assertThat(Float.floatToRawIntBits(LaneSums.sum(v))).as("round %d", round)
                    .isEqualTo(Float.floatToRawIntBits(expected));
        }
        if (lanes >= 4) {
            assertThat(orderMatters).as("vectors whose sequential and tree sums differ").isGreaterThan(1000);
        }
    }
}
