package dev.descent;

import dev.descent.spi.Backend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The user's handle against core's test-only providers ({@code dev.descent.fakes}): {@link Device#named} and
 * {@link Device#best} are the backends {@link Backends} chooses, the same objects, with the same loud failures;
 * every device is a backend and nothing else can be one.
 */
class DeviceTest {
    @Test
    void aNamedDeviceIsThatBackendCreatedOnce() {
        Device device = Device.named("fake");
        assertThat(device).isSameAs(Backends.get("fake")).isSameAs(Device.named(" FAKE "));
        assertThat(device.name()).isEqualTo("fake");
        assertThat(Backend.of(device)).isSameAs(device);
    }

    @Test
    void theBestDeviceIsTheDefaultChoice() {
        assertThat(Device.best()).isSameAs(Backends.getDefault());
    }

    @Test
    void describeNamesTheBackendAndWhatItRunsOn() {
        assertThat(Device.named("fake").describe()).isEqualTo("fake on nothing, 0 threads");
    }

    @Test
    void anExplicitChoiceIsObeyedOrRefusedWithTheProviderTable() {
        assertThatThrownBy(() -> Device.named("nope")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContainingAll("unknown backend 'nope'", "providers found:", "fake-missing");
        assertThatThrownBy(() -> Device.named("fake-missing")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("backend 'fake-missing' is not available: needs the fake accelerator");
    }

    @Test
    void everyDeviceIsABackendAndOnlyBackendsAreDevices() {
        assertThat(Device.class.isSealed()).isTrue();
        assertThat(Device.class.getPermittedSubclasses()).containsExactly(Backend.class);
        assertThat(Backend.class.isSealed()).as("backend authors implement Backend").isFalse();
        assertThatThrownBy(() -> Backend.of(null)).isInstanceOf(NullPointerException.class).hasMessage("device");
    }
}
