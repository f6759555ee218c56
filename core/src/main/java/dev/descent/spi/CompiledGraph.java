package dev.descent.spi;

/**
 * What a backend made of a {@link Graph}: one call runs the whole graph once (one submission per training step
 * on a backend that can batch its launches). It must allocate no tensor storage; results land in the graph's
 * planned buffers. Not thread-safe: one run at a time.
 */
public interface CompiledGraph {
    /** Runs every node of the graph once, in order. */
    void run();
}
