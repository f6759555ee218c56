package dev.descent.backend.tornadovm;

import dev.descent.DescentException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arena's bookkeeping (pure Java: runs in the default build too). */
class DeviceArenaTest {
    @Test
    void allocatesAlignedRegionsAfterTheReservedScratch() {
        DeviceArena arena = new DeviceArena(1024, 20);
        int a = arena.allocate(5);
        int b = arena.allocate(17);
        assertThat(a).isEqualTo(32);
        assertThat(b).isEqualTo(48);
        assertThat(arena.inUse()).isEqualTo(16 + 32);
    }

    @Test
    void freedNeighboursCoalesceSoALargeRegionFitsAgain() {
        DeviceArena arena = new DeviceArena(256, 0);
        int a = arena.allocate(64);
        int b = arena.allocate(64);
        int c = arena.allocate(64);
        arena.allocate(64);
        assertThat(arena.tryAllocate(1)).isEqualTo(-1);
        arena.free(a, 64);
        arena.free(c, 64);
        arena.free(b, 64);
        assertThat(arena.tryAllocate(192)).isEqualTo(0);
    }

    /**
     * First fit must not trust a {@code TreeMap} entry after removing its key: when the removed node has two
     * children, TreeMap moves the successor's key and value into it, so the entry then describes the next free
     * block. The allocator once read the block's size after the removal and recorded a free remainder that lay
     * over live regions; regions were then handed out twice (training on the device drifted once the garbage
     * collector had freed enough storages to fragment the arena).
     */
    /**
     * Random allocations and frees against a model of the live regions: no region is ever handed out twice.
     * First fit must not trust a {@code TreeMap} entry after removing its key: when the removed node has two
     * children, TreeMap moves the successor's key and value into it, so the entry then describes the next free
     * block. The allocator once read the block's size after the removal and recorded a free remainder lying over
     * live regions (training on the device drifted from the scalar backend once the garbage collector had freed
     * enough storages to fragment the arena; this sequence fails within a few hundred steps on that allocator).
     */
    @Test
    void randomAllocationsAndFreesNeverOverlap() {
        Random random = new Random(11);
        int capacity = 1 << 16;
        DeviceArena arena = new DeviceArena(capacity, 0);
        TreeMap<Integer, Integer> live = new TreeMap<>();
        List<Integer> order = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (!order.isEmpty() && (random.nextInt(3) == 0 || arena.inUse() > capacity / 2)) {
                int offset = order.remove(random.nextInt(order.size()));
                arena.free(offset, live.remove(offset));
            } else {
                int length = 1 + random.nextInt(random.nextBoolean() ? 40 : 700);
                int offset = arena.tryAllocate(length);
                assertThat(offset).isBetween(0, capacity - length);
                assertNoOverlap(live, offset, length);
                live.put(offset, length);
                order.add(offset);
            }
        }
    }

    private static void assertNoOverlap(TreeMap<Integer, Integer> live, int offset, int length) {
        var before = live.floorEntry(offset + length - 1);
        if (before != null) {
            int end = before.getKey() + ((before.getValue() + DeviceArena.ALIGNMENT - 1) & -DeviceArena.ALIGNMENT);
            assertThat(end).as("region [%d, %d) overlaps live [%d, %d)", offset, offset + length,
                    before.getKey(), end).isLessThanOrEqualTo(offset);
        }
    }

    @Test
    void unreachableStoragesAreReclaimedWhenTheArenaIsFull() {
        DeviceArena arena = new DeviceArena(64 * 1024, 0);
        for (int i = 0; i < 1000; i++) {
            Object owner = new Object();
            int offset = arena.allocate(1000);
            arena.track(owner, offset, 1000);
        }
        assertThat(arena.inUse()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void exhaustionNamesThePropertyThatSetsTheCapacity() {
        DeviceArena arena = new DeviceArena(1024, 0);
        List<Object> live = new ArrayList<>();
        Object owner = new Object();
        live.add(owner);
        arena.track(owner, arena.allocate(1000), 1000);
        assertThatThrownBy(() -> arena.allocate(1000)).isInstanceOf(DescentException.class)
                .hasMessageContaining("device memory exhausted").hasMessageContaining(DeviceArena.CAPACITY_PROPERTY);
        assertThat(live).hasSize(1);
    }

    @Test
    void capacityPropertyIsValidated() {
        String old = System.getProperty(DeviceArena.CAPACITY_PROPERTY);
        try {
            System.setProperty(DeviceArena.CAPACITY_PROPERTY, "64");
            assertThat(DeviceArena.configuredCapacity()).isEqualTo(64 * 1024 * 1024 / 4);
            System.setProperty(DeviceArena.CAPACITY_PROPERTY, "lots");
            assertThatThrownBy(DeviceArena::configuredCapacity).hasMessageContaining("not a number of MiB");
            System.setProperty(DeviceArena.CAPACITY_PROPERTY, "0");
            assertThatThrownBy(DeviceArena::configuredCapacity).hasMessageContaining("between 1 and 8191");
        } finally {
            if (old == null) {
                System.clearProperty(DeviceArena.CAPACITY_PROPERTY);
            } else {
                System.setProperty(DeviceArena.CAPACITY_PROPERTY, old);
            }
        }
    }
}
