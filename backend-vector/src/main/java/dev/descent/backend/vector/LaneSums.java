package dev.descent.backend.vector;

import jdk.incubator.vector.FloatVector;

/**
 * The sum of a vector's float lanes in one fixed order, the same in the interpreter, in C1 and in C2 code.
 *
 * <p>{@code FloatVector.reduceLanes(ADD)} may not be used for that: its javadoc lets the order vary, and on
 * HotSpot it does vary with the JIT state. The Java fallback (interpreter and C1) folds the lanes one after the
 * other, {@code ((l0 + l1) + l2) + ...}, while C2's intrinsic adds pairwise halves; measured on 2000 random 16-lane
 * vectors, the two agree on about a third of them. A training run whose sums were taken partly before and partly
 * after C2 compiled the kernel then depended on timing (issue 13). Here the order is always the pairwise-halves
 * tree, {@code l[k] + l[k + L/2]}, then the same on the first half, down to one lane, written out per species
 * length so that C2 turns each lane read into a register extract; for an unforeseen length the same tree runs
 * over an array. Stateless and thread-safe.
 */
final class LaneSums {
    private static final int L = VectorShapes.LANES;

    private LaneSums() {
    }

    /** {@code v}'s lanes added as a pairwise-halves tree. */
    static float sum(FloatVector v) {
        return switch (L) {
            case 16 -> sum16(v);
            case 8 -> sum8(v);
            case 4 -> (v.lane(0) + v.lane(2)) + (v.lane(1) + v.lane(3));
            case 2 -> v.lane(0) + v.lane(1);
            default -> sumAnyLength(v);
        };
    }

    private static float sum8(FloatVector v) {
        float t0 = v.lane(0) + v.lane(4);
        float t1 = v.lane(1) + v.lane(5);
        float t2 = v.lane(2) + v.lane(6);
        float t3 = v.lane(3) + v.lane(7);
        return (t0 + t2) + (t1 + t3);
    }

    private static float sum16(FloatVector v) {
        float t0 = v.lane(0) + v.lane(8);
        float t1 = v.lane(1) + v.lane(9);
        float t2 = v.lane(2) + v.lane(10);
        float t3 = v.lane(3) + v.lane(11);
        float t4 = v.lane(4) + v.lane(12);
        float t5 = v.lane(5) + v.lane(13);
        float t6 = v.lane(6) + v.lane(14);
        float t7 = v.lane(7) + v.lane(15);
        float u0 = t0 + t4;
        float u1 = t1 + t5;
        float u2 = t2 + t6;
        float u3 = t3 + t7;
        return (u0 + u2) + (u1 + u3);
    }

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
