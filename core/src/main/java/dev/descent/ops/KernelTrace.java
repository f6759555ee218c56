package dev.descent.ops;

import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;

/**
 * Receives every backend call that tensor operations issue on one thread while it is installed with
 * {@link Kernels#trace(KernelTrace)}: how a training step is captured into a graph. The calls still run eagerly;
 * the trace only observes them.
 */
public interface KernelTrace {
    /** A storage was allocated (all zeros). */
    void allocated(Storage storage);

    /** A kernel call, already issued. */
    void kernel(GraphOp op);

    /**
     * Values crossed between host and device ({@code item()}, {@code toArray()}, {@code Tensor.of},
     * {@code copyFrom(float[])}): a step that does this cannot be replayed from a graph.
     *
     * @param what the operation, e.g. {@code "item()"}, for the fallback message
     */
    void hostTransfer(String what);
}
