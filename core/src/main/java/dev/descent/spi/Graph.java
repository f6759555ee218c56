package dev.descent.spi;

import java.util.List;

/**
 * A captured, memory-planned computation: kernel calls ({@link GraphOp}) in execution order, each already bound
 * to the storage it will use on every run. Inputs are fixed storages that the caller refills before each run;
 * every intermediate has one planned buffer (buffers of intermediates whose lifetimes do not overlap are
 * shared); parameters, gradients and optimizer state are updated in place. A backend turns a graph into a
 * {@link CompiledGraph} with {@link Backend#compile(Graph)}.
 *
 * @param ops          the nodes in the order eager execution issued them
 * @param buffers      the planned buffers the graph owns (intermediates, gradients, the loss), each once
 * @param description  a one-line summary for logs (node and buffer counts, planned bytes)
 */
public record Graph(List<GraphOp> ops, List<Storage> buffers, String description) {
    /** Copies the lists; a graph is immutable. */
    public Graph {
        ops = List.copyOf(ops);
        buffers = List.copyOf(buffers);
    }
}
