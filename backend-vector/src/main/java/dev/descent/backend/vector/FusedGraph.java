package dev.descent.backend.vector;

import dev.descent.spi.CompiledGraph;
import dev.descent.spi.Storage;

import java.util.List;

/**
 * The vector backend's compiled plan: the graph's nodes in order, with the runs that {@link FusedPlanner} matched
 * replaced by one fused kernel each and every other node issued as the interpreter issues it. A run allocates
 * nothing. Not thread-safe: one run at a time (the plan's buffers and the kernels' scratch arrays are shared
 * between runs).
 */
final class FusedGraph implements CompiledGraph {
    private final Runnable[] steps;
    /** Per step, every storage the nodes it runs touch (read or written). */
    private final Storage[][] touched;
    private final List<String> fusions;

    FusedGraph(List<Runnable> steps, List<Storage[]> touched, List<String> fusions) {
        this.steps = steps.toArray(Runnable[]::new);
        this.touched = touched.toArray(Storage[][]::new);
        this.fusions = List.copyOf(fusions);
    }

    /**
     * Binds {@code input} when every step that touches it is a fused kernel that reads it and can read it in place
     * ({@link BindsInput}); otherwise nothing changes and the caller copies the batch, as with the default.
     */
    @Override
    public boolean bindInput(Storage input, Storage storage, int offset) {
        boolean any = false;
        for (int i = 0; i < steps.length; i++) {
            if (touches(i, input)) {
                if (!(steps[i] instanceof BindsInput b) || !b.reads(input)) {
                    return false;
                }
                any = true;
            }
        }
        if (!any) {
            return false;
        }
        for (int i = 0; i < steps.length; i++) {
            if (touches(i, input)) {
                ((BindsInput) steps[i]).bind(input, storage, offset);
            }
        }
        return true;
    }

    private boolean touches(int step, Storage s) {
        for (Storage t : touched[step]) {
            if (t == s) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        for (Runnable step : steps) {
            step.run();
        }
    }

    /** The fusions applied, in graph order (names as {@link Fusion#name()}). */
    List<String> fusions() {
        return fusions;
    }

    /** How many calls one run makes (fused kernels plus nodes run as they are). */
    int steps() {
        return steps.length;
    }

    @Override
    public String toString() {
        return "fused plan: " + steps.length + " steps, fusions " + fusions;
    }
}
