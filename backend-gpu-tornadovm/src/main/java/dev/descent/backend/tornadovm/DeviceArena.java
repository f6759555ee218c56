package dev.descent.backend.tornadovm;

import dev.descent.DescentException;

import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.TreeMap;

/**
 * Device memory as one TornadoVM {@code FloatArray} (the arena), carved into regions for storages. TornadoVM binds
 * task graphs to Java objects, so a graph built for one array cannot run on another; giving every storage its
 * own array would mean a new graph, and a new compilation, for every tensor. With one arena every kernel's graph
 * is built once and addresses storages by offset; the arena is copied to the device once and stays there.
 *
 * <p>This class only does the bookkeeping: first-fit allocation over offsets (aligned to {@value #ALIGNMENT}
 * floats), coalescing free blocks, and reclamation of regions whose storage was released or became unreachable
 * (a {@link Cleaner}, as direct byte buffers do). The capacity is fixed when the backend starts: property
 * {@value #CAPACITY_PROPERTY} in MiB (default {@value #DEFAULT_CAPACITY_MIB}).
 *
 * <p>Thread-safe.
 */
final class DeviceArena {
    static final String CAPACITY_PROPERTY = "descent.tornadovm.memory.mib";
    static final int DEFAULT_CAPACITY_MIB = 256;
    static final int ALIGNMENT = 16;

    private static final Cleaner CLEANER = Cleaner.create();

    private final int capacity;
    private final int reserved;
    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private long inUse;

    /**
     * @param capacity floats in the arena
     * @param reserved floats at the start kept for the backend's scratch space
     */
    DeviceArena(int capacity, int reserved) {
        this.capacity = capacity;
        this.reserved = align(reserved);
        free.put(this.reserved, capacity - this.reserved);
    }

    /** The capacity in floats chosen by {@value #CAPACITY_PROPERTY}. */
    static int configuredCapacity() {
        String value = System.getProperty(CAPACITY_PROPERTY, Integer.toString(DEFAULT_CAPACITY_MIB));
        long mib;
        try {
            mib = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new DescentException(CAPACITY_PROPERTY + "=" + value + ": not a number of MiB (1 to 8191)");
        }
        if (mib < 1 || mib > 8191) {
            throw new DescentException(CAPACITY_PROPERTY + "=" + value + ": must be between 1 and 8191 MiB");
        }
        return (int) (mib * 1024 * 1024 / Float.BYTES);
    }

    int capacity() {
        return capacity;
    }

    private static int align(int n) {
        return (n + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** A region of {@code length} floats, or -1 when no free block is large enough. */
    synchronized int tryAllocate(int length) {
        int size = align(Math.max(length, 1));
        for (Map.Entry<Integer, Integer> block : free.entrySet()) {
            // Key and size are read before the removal: TreeMap's remove may move the successor's key and value
            // into this very entry object (a node with two children), so reading it afterwards gives the next block.
            int offset = block.getKey();
            int blockSize = block.getValue();
            if (blockSize >= size) {
                free.remove(offset);
                if (blockSize > size) {
                    free.put(offset + size, blockSize - size);
                }
                inUse += size;
                return offset;
            }
        }
        return -1;
    }

    /**
     * A region of {@code length} floats. When the arena is full it asks the garbage collector for unreachable
     * storages and retries before giving up with a message naming the property that sets the capacity.
     */
    int allocate(int length) {
        int offset = tryAllocate(length);
        for (int attempt = 0; offset < 0 && attempt < 8; attempt++) {
            System.gc();
            try {
                Thread.sleep(1L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            offset = tryAllocate(length);
        }
        if (offset < 0) {
            throw new DescentException("tornadovm: device memory exhausted allocating " + length + " floats ("
                    + inUse() * Float.BYTES / (1024 * 1024) + " of " + (long) capacity * Float.BYTES / (1024 * 1024)
                    + " MiB in use); start the JVM with -D" + CAPACITY_PROPERTY + "=<MiB> for a larger arena");
        }
        return offset;
    }

    synchronized void free(int offset, int length) {
        int size = align(Math.max(length, 1));
        inUse -= size;
        int start = offset;
        int end = offset + size;
        Map.Entry<Integer, Integer> before = free.floorEntry(offset);
        if (before != null && before.getKey() + before.getValue() == start) {
            start = before.getKey();
            free.remove(before.getKey());
        }
        Integer afterSize = free.get(end);
        if (afterSize != null) {
            free.remove(end);
            end += afterSize;
        }
        free.put(start, end - start);
    }

    synchronized long inUse() {
        return inUse;
    }

    /** Frees the region of {@code owner} when it is released or becomes unreachable, whichever comes first. */
    Cleaner.Cleanable track(Object owner, int offset, int length) {
        return CLEANER.register(owner, () -> free(offset, length));
    }
}
