package dev.descent.backend.vector;

import dev.descent.spi.CompiledGraph;
import dev.descent.spi.GraphInterpreter;
import dev.descent.spi.Storage;

/**
 * A fused plan that runs as the interpreter until its fused kernels are warm. The fused kernels are Vector API code,
 * 100-1000x slower until C2 has compiled them, while the interpreter's kernels take the cold-start paths
 * ({@link SmallKernels}, {@link ColdStartRule}); a short job would otherwise pay the fused kernels' warm-up and lose
 * to the scalar backend (issue 20). Both give the very same bits for every step (each fusion repeats its nodes'
 * operations in their order, and a step depends only on the parameters, optimizer state and batch), so which one
 * runs a step can depend on timing without changing any result.
 *
 * <p>The rule, the same ski rental as {@link ColdStartRule}'s: the interpreter runs the steps and the fused plan
 * gets a step only while the time spent in fused trials stays within a quarter of the time spent interpreting; once
 * a fused step has been faster than the interpreted step before it twice in a row, the fused plan runs every step
 * for good (and the timing stops). Nothing is measured on one machine and kept: the choice is made at run time by
 * {@code System.nanoTime}. {@code -Ddescent.vector.fuse=always} skips the warming (tests of the fusions).
 * Not thread-safe, like the plans it holds.
 */
final class WarmingPlan implements CompiledGraph {
    private final GraphInterpreter interpreter;
    private final FusedGraph fused;
    private boolean warm;
    private long interpretedNanos;
    private long trialNanos;
    private long lastInterpreted;
    private int wins;

    WarmingPlan(GraphInterpreter interpreter, FusedGraph fused) {
        this.interpreter = interpreter;
        this.fused = fused;
    }

    @Override
    public void run() {
        if (warm) {
            fused.run();
            return;
        }
        // the first step is interpreted, so that every trial is compared with a real interpreted step
        boolean trial = interpretedNanos > 0 && trialNanos * 4 <= interpretedNanos;
        long start = System.nanoTime();
        if (trial) {
            fused.run();
            long took = System.nanoTime() - start;
            trialNanos += took;
            wins = took < lastInterpreted ? wins + 1 : 0;
            warm = wins >= 2;
        } else {
            interpreter.run();
            lastInterpreted = System.nanoTime() - start;
            interpretedNanos += lastInterpreted;
        }
    }

    /** Whether the fused plan now runs every step. */
    boolean warm() {
        return warm;
    }

    /**
     * Binds the input in both plans or in neither: the fused plan first (it can decline), then the interpreter; if
     * the interpreter declines, the fused plan's binding is undone (rebound to the input itself at offset 0).
     */
    @Override
    public boolean bindInput(Storage input, Storage storage, int offset) {
        if (!fused.bindInput(input, storage, offset)) {
            return false;
        }
        if (!interpreter.bindInput(input, storage, offset)) {
            fused.bindInput(input, input, 0);
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return (warm ? "warm " : "warming ") + fused;
    }
}
