package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.spi.Availability;
import dev.descent.spi.BackendProvider;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The provider in a JVM that was not launched with TornadoVM's argfile (the default build's test fork): it is
 * found, reports unavailable with an actionable reason, never throws, and links no TornadoVM class.
 */
class TornadoVmBackendProviderTest {
    private static boolean launchedWithTornadoVm() {
        return System.getProperty(LaunchCheck.API_PROPERTY) != null;
    }

    @Test
    void isRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(TornadoVmBackendProvider.class);
    }

    @Test
    void withoutTornadoVmItIsUnavailableAndSaysHowToEnableIt() {
        assumeTrue(!launchedWithTornadoVm(), "this JVM runs under TornadoVM's argfile");
        TornadoVmBackendProvider provider = new TornadoVmBackendProvider();

        Availability a = provider.probe();

        assertThat(provider.name()).isEqualTo("tornadovm");
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("tornado-argfile");
        assertThat(provider.device()).isNotBlank();
        assertThatThrownBy(provider::create).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tornadovm backend is unavailable");
    }

    @Test
    void probingLinksNoTornadoVmClass() {
        assumeTrue(!launchedWithTornadoVm(), "this JVM runs under TornadoVM's argfile");
        new TornadoVmBackendProvider().probe();

        // TornadoVM's API is not even on this class path; had the probe touched it, it would have thrown.
        assertThat(getClass().getClassLoader().getResource("uk/ac/manchester/tornado/api/TaskGraph.class")).isNull();
    }

    @Test
    void backendsTableListsItWithTheReason() {
        assumeTrue(!launchedWithTornadoVm(), "this JVM runs under TornadoVM's argfile");

        assertThat(Backends.table()).contains("tornadovm").contains("tornado-argfile");
    }
}
