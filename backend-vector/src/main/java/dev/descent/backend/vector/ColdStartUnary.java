package dev.descent.backend.vector;

import dev.descent.spi.UnaryOp;

/**
 * Elementwise unary ops above the small-kernel size, split between the plain loops of {@link SmallKernels} and the
 * Vector API loops of {@link Elementwise} by {@link ColdStartRule} (one rule per op, since each op is its own
 * compiled code): a short job's whole-data-set passes (a ReLU over 900 x 32 activations) stay off the cold Vector
 * API code, a long job moves to it once it is faster.
 *
 * <p>Eligible (size and op only): ops that {@link SmallKernels#handles} (the same bits lane by lane and in the
 * plain loop, so any split of the range gives the vector kernel's result) on lengths where {@link VectorBackend}
 * keeps the op on the calling thread. Leading elements (a multiple of the vector length) go to the Vector API
 * kernel, the rest to the plain loop. Thread-safe like {@link ColdStartRule}.
 */
final class ColdStartUnary {
    private static final ColdStartRule[] RULES = new ColdStartRule[UnaryOp.values().length];

    static {
        for (int i = 0; i < RULES.length; i++) {
            RULES[i] = new ColdStartRule();
        }
    }

    private ColdStartUnary() {
    }

    /** Whether {@code op}, on a length that stays on the calling thread, may be split (by op only). */
    static boolean eligible(UnaryOp op) {
        return !RULES[op.ordinal()].warm() && SmallKernels.handles(op);
    }

    /** {@code o[i] = op(x[i]; a, b)} for {@code i < length}, split as {@link ColdStartRule} says. */
    static void unary(UnaryOp op, float[] x, float[] o, int length, float a, float b) {
        ColdStartRule rule = RULES[op.ordinal()];
        int vector = rule.vectorUnits(length, 1, VectorShapes.LANES);
        long t0 = System.nanoTime();
        if (vector > 0) {
            Elementwise.unary(op, x, o, 0, vector, a, b);
        }
        long t1 = System.nanoTime();
        if (vector < length) {
            SmallKernels.unary(op, x, o, vector, length, a, b);
        }
        rule.record(length, vector, 1, t1 - t0, System.nanoTime() - t1);
    }
}
