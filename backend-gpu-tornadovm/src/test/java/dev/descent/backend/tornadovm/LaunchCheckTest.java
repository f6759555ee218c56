package dev.descent.backend.tornadovm;

import dev.descent.spi.Availability;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchCheckTest {
    private static UnaryOperator<String> lookup(Map<String, String> values) {
        return values::get;
    }

    @Test
    void plainJvmIsUnavailableWithHowToInstallAndLaunch() {
        Availability a = LaunchCheck.check(lookup(Map.of()), lookup(Map.of()));

        assertThat(a).isNotNull();
        assertThat(a.available()).isFalse();
        assertThat(a.reason())
                .contains("TornadoVM runtime not loaded")
                .contains(LaunchCheck.API_PROPERTY)
                .contains("TORNADOVM_HOME")
                .contains("tornado-argfile");
    }

    @Test
    void installedButNotLaunchedWithArgfileNamesTheArgfileToUse() {
        Availability a = LaunchCheck.check(lookup(Map.of()), lookup(Map.of("TORNADOVM_HOME", "/opt/tornadovm")));

        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("java @/opt/tornadovm/tornado-argfile")
                .contains("DESCENT_JAVA_OPTS=@/opt/tornadovm/tornado-argfile");
    }

    @Test
    void halfConfiguredLaunchNamesTheMissingProperty() {
        Availability a = LaunchCheck.check(lookup(Map.of(LaunchCheck.API_PROPERTY, "x")), lookup(Map.of()));

        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains(LaunchCheck.RUNTIME_PROPERTY);
    }

    @Test
    void argfilePropertiesPassTheLaunchCheck() {
        Availability a = LaunchCheck.check(
                lookup(Map.of(LaunchCheck.API_PROPERTY, "impl", LaunchCheck.RUNTIME_PROPERTY, "runtime")),
                lookup(Map.of()));

        assertThat(a).isNull();
    }
}
