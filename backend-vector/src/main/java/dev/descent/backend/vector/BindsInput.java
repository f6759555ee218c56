package dev.descent.backend.vector;

import dev.descent.spi.Storage;

/**
 * A fused kernel that can read a plan input from another storage at an offset instead of the plan's own input
 * buffer ({@link dev.descent.spi.CompiledGraph#bindInput}): a batch of consecutive rows is then read in place from
 * the data set, with no copy into the plan, and the values read are exactly those the copy would have made.
 */
interface BindsInput {
    /** Whether this kernel reads {@code storage} (so a binding of it must reach this kernel). */
    boolean reads(Storage storage);

    /** Reads {@code input} from {@code storage} starting at {@code offset} from now on; whether it did. */
    boolean bind(Storage input, Storage storage, int offset);
}
