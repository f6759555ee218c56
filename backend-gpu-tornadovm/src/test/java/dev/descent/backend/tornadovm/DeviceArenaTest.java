package dev.descent.backend.tornadovm;

import dev.descent.DescentException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
