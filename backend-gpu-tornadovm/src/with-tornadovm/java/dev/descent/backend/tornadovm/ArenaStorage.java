package dev.descent.backend.tornadovm;

import dev.descent.spi.Storage;

import java.lang.ref.Cleaner;

/**
 * A storage of the TornadoVM backend: a region {@code [offset, offset + length)} of the device arena. It holds no
 * data on the host; reading it is a transfer from the device ({@link TornadoVmBackend#download}).
 */
final class ArenaStorage implements Storage {
    private final int offset;
    private final int length;
    private final Cleaner.Cleanable cleanable;

    ArenaStorage(DeviceArena arena, int length) {
        this.length = length;
        this.offset = arena.allocate(length);
        this.cleanable = arena.track(this, offset, length);
    }

    int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    /** Returns the region to the arena now instead of when the garbage collector finds this storage. */
    @Override
    public void release() {
        cleanable.clean();
    }
}
