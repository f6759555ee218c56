package dev.descent.spi;

/**
 * What a backend made of a {@link Graph}: one call runs the whole graph once (one submission per training step
 * on a backend that can batch its launches). It must allocate no tensor storage; results land in the graph's
 * planned buffers. Not thread-safe: one run at a time.
 */
public interface CompiledGraph {
    /** Runs every node of the graph once, in order. */
    void run();

    /**
     * Makes the following runs read the graph's input storage {@code input} (a storage of the graph that no node
     * writes) from {@code storage} starting at element {@code offset} instead, without copying: a batch of
     * consecutive rows is then read straight out of the data set's storage (rebinding {@code input} to itself at
     * offset 0 undoes it). Returns whether this compiled graph did so; one that cannot returns false and is left
     * unchanged, and the caller copies the batch into {@code input} as before. The values read must be exactly
     * those the copy would have made, so the results do not change. The default cannot.
     *
     * @param input   one of the graph's input storages
     * @param storage the storage to read instead, on the same backend
     * @param offset  where the input's first element is in {@code storage}
     */
    default boolean bindInput(Storage input, Storage storage, int offset) {
        return false;
    }
}
