package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.ProviderInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a JVM without {@code --add-modules jdk.incubator.vector} on this test class path and checks that the
 * vector provider reports itself unavailable with the fix, without crashing discovery, and that the automatic
 * choice falls back to another backend.
 */
class WithoutIncubatorModuleTest {

    /** Runs in the child JVM: prints the provider table and the automatic choice. */
    public static void main(String[] args) {
        boolean linked = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        System.out.println("incubator-present=" + linked);
        for (ProviderInfo info : Backends.list()) {
            System.out.println("provider " + info.name() + " available=" + info.available() + " reason="
                    + info.reason());
        }
        try {
            System.out.println("default=" + Backends.getDefault().name());
        } catch (RuntimeException e) {
            System.out.println("default-failed=" + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    @Test
    void providerIsUnavailableWithTheFixAndSelectionFallsBack() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                WithoutIncubatorModuleTest.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(output).contains("incubator-present=false");
        assertThat(output).as(output)
                .contains("provider vector available=false reason=")
                .contains(VectorBackendProvider.FIX);
        assertThat(output).as(output).doesNotContain("default=vector").doesNotContain("NoClassDefFoundError");
        // scalar is a test-scoped dependency of this module
        assertThat(output).as(output).contains("provider scalar available=true").contains("default=scalar");
    }

    @Test
    void providerIsAvailableInThisJvm() {
        VectorBackendProvider provider = new VectorBackendProvider();
        assertThat(provider.probe().available()).as(provider.probe().reason()).isTrue();
        assertThat(provider.priority()).isGreaterThan(0);
        assertThat(Backends.get("vector").name()).isEqualTo("vector");
    }
}
