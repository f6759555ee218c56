package dev.descent.backend.scalar;

import dev.descent.spi.ReduceOp;

/**
 * Reductions and softmax along the middle axis of an {@code [outer, length, inner]} view. Sums (and the sums
 * inside mean and softmax) accumulate in double and are rounded to float once, which keeps the reference's own
 * error far below the conformance tolerances for any length.
 */
final class ScalarReductions {
    private ScalarReductions() {
    }

    static void reduce(ReduceOp op, float[] x, int outer, int length, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * length * inner + j;
                out[o * inner + j] = reduceLine(op, x, base, length, inner);
            }
        }
    }

    private static float reduceLine(ReduceOp op, float[] x, int base, int length, int stride) {
        switch (op) {
            case SUM, MEAN -> {
                double sum = 0;
                for (int k = 0; k < length; k++) {
                    sum += x[base + k * stride];
                }
                return (float) (op == ReduceOp.SUM ? sum : sum / length);
            }
            case MAX, MIN -> {
                float best = x[base];
                for (int k = 1; k < length && !Float.isNaN(best); k++) {
                    float v = x[base + k * stride];
                    best = op == ReduceOp.MAX ? Math.max(best, v) : Math.min(best, v);
                }
                return best;
            }
            case ARGMAX, ARGMIN -> {
                int bestIndex = 0;
                float best = x[base];
                for (int k = 1; k < length && !Float.isNaN(best); k++) {
                    float v = x[base + k * stride];
                    boolean better = Float.isNaN(v) || (op == ReduceOp.ARGMAX ? v > best : v < best);
                    if (better) {
                        best = v;
                        bestIndex = k;
                    }
                }
                return bestIndex;
            }
            default -> throw new IllegalStateException("unhandled reduction " + op);
        }
    }

    static void softmax(float[] x, int outer, int length, int inner, float[] out, boolean log) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * length * inner + j;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < length; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                if (max == Float.NEGATIVE_INFINITY) {
                    // Every entry is -inf: a uniform distribution is the limit; PyTorch gives NaN. Follow it.
                    max = 0f;
                }
                double sum = 0;
                for (int k = 0; k < length; k++) {
                    sum += Math.exp((double) x[base + k * inner] - max);
                }
                if (log) {
                    double logSum = Math.log(sum) + max;
                    for (int k = 0; k < length; k++) {
                        out[base + k * inner] = (float) (x[base + k * inner] - logSum);
                    }
                } else {
                    for (int k = 0; k < length; k++) {
                        out[base + k * inner] = (float) (Math.exp((double) x[base + k * inner] - max) / sum);
                    }
                }
            }
        }
    }
}
