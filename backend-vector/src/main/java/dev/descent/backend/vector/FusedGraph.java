package dev.descent.backend.vector;

import dev.descent.spi.CompiledGraph;

import java.util.List;

/**
 * The vector backend's compiled plan: the graph's nodes in order, with the runs that {@link FusedPlanner} matched
 * replaced by one fused kernel each and every other node issued as the interpreter issues it. A run allocates
 * nothing. Not thread-safe: one run at a time (the plan's buffers and the kernels' scratch arrays are shared
 * between runs).
 */
final class FusedGraph implements CompiledGraph {
    private final Runnable[] steps;
    private final List<String> fusions;

    FusedGraph(List<Runnable> steps, List<String> fusions) {
        this.steps = steps.toArray(Runnable[]::new);
        this.fusions = List.copyOf(fusions);
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
