package dev.descent.spi;

/**
 * Core's default {@link CompiledGraph}: runs the nodes one by one on the planned buffers, issuing exactly the
 * kernel calls eager execution issued, so results are bit-identical to eager on every backend. A run allocates
 * nothing: the nodes are held in an array and every argument was fixed at capture time.
 *
 * <p>Not thread-safe: one run at a time (the buffers are shared between runs).
 */
public final class GraphInterpreter implements CompiledGraph {
    private final Backend backend;
    private final GraphOp[] ops;

    /** An interpreter of {@code graph} on {@code backend} (the backend that owns the graph's storages). */
    public GraphInterpreter(Backend backend, Graph graph) {
        this.backend = backend;
        this.ops = graph.ops().toArray(GraphOp[]::new);
    }

    @Override
    public void run() {
        for (GraphOp op : ops) {
            op.run(backend);
        }
    }
}
