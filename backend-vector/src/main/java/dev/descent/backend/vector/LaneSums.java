package dev.descent.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * The sum of a vector's float lanes in one fixed order, the same in the interpreter, in C1 and in C2 code.
 *
 * <p>{@code FloatVector.reduceLanes(ADD)} may not be used for that: its javadoc lets the order vary, and on
 * HotSpot it does vary with the JIT state. The Java fallback (interpreter and C1) folds the lanes one after the
 * other, {@code ((l0 + l1) + l2) + ...}, while C2's intrinsic adds pairwise halves; measured on 2000 random 16-lane
 * vectors, the two agree on about a third of them. A training run whose sums were taken partly before and partly
 * after C2 compiled the kernel then depended on timing (issue 13).
 *
 * <p>Here the order is always the pairwise-halves tree: lane {@code k} plus lane {@code k + L/2}, then the same on
 * the first half, down to one lane. Each level adds the vector to itself rotated by half the remaining width
 * (lanes beyond that width hold sums that are never read), so C2 compiles a level to one permute and one add; the
 * interpreter and C1 run the same lane-wise IEEE additions in Java. Measured with JMH beside
 * {@code reduceLanes(ADD)} on a 16-lane machine: about 10 ns more per reduction (26 vs 16 ns for a 16-float sum),
 * the same within noise for 256 floats; extracting the lanes one by one cost 50 ns. Stateless and thread-safe.
 */
final class LaneSums {
    private static final int L = VectorShapes.LANES;
    private static final VectorShuffle<Float> ROTATE_8 = VectorShuffle.iota(VectorShapes.SPECIES, 8, 1, true);
    private static final VectorShuffle<Float> ROTATE_4 = VectorShuffle.iota(VectorShapes.SPECIES, 4, 1, true);
    private static final VectorShuffle<Float> ROTATE_2 = VectorShuffle.iota(VectorShapes.SPECIES, 2, 1, true);
    private static final VectorShuffle<Float> ROTATE_1 = VectorShuffle.iota(VectorShapes.SPECIES, 1, 1, true);

    private LaneSums() {
    }

    /** {@code v}'s lanes added as a pairwise-halves tree. */
    static float sum(FloatVector v) {
        if (L > 16) {
            return sumAnyLength(v);
        }
        FloatVector s = v;
        if (L == 16) {
            s = s.add(s.rearrange(ROTATE_8));
        }
        if (L >= 8) {
            s = s.add(s.rearrange(ROTATE_4));
        }
        if (L >= 4) {
            s = s.add(s.rearrange(ROTATE_2));
        }
        if (L >= 2) {
            s = s.add(s.rearrange(ROTATE_1));
        }
        return s.lane(0);
    }

    /** The same tree over the lanes as an array: for species wider than 16 lanes, and the reference in tests. */
    static float sumAnyLength(FloatVector v) {
        float[] lanes = v.toArray();
        for (int width = lanes.length / 2; width > 0; width /= 2) {
            for (int k = 0; k < width; k++) {
                lanes[k] = lanes[k] + lanes[k + width];
            }
        }
        return lanes[0];
    }
}
