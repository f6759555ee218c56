package dev.descent.backend.vector;

/**
 * One fusion rule of {@link FusedPlanner}: looks at the nodes of a graph from one position and returns the fused
 * replacement of a run of them, or null when they are not its pattern. A rule only fuses what it can compute with
 * the same bits as the interpreter (the same per-element operations in the same order), and only replaces nodes
 * whose intermediate results nothing after the run reads.
 */
interface FusionPattern {
    /** The fusion of nodes {@code from, from + 1, ...} of {@code graph}, or null. */
    Fusion match(GraphView graph, int from);
}
