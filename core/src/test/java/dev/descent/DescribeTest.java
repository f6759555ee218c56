package dev.descent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Backends#describe()}: the environment a bug report needs. */
class DescribeTest {
    @Test
    void reportsTheJdkOsCpuVectorWidthThreadsTheChoiceAndEveryProvider() {
        List<ProviderRegistry.Entry> entries = List.of(
                BackendChoiceTest.entry("vector", 100, false, "start the JVM with --add-modules jdk.incubator.vector"),
                BackendChoiceTest.entry("scalar", 0, true, "plain Java loops"));

        String report = EnvironmentReport.describe(entries, null, null);

        assertThat(report)
                .contains("java:", Runtime.version().toString())
                .contains("os:", System.getProperty("os.name"), System.getProperty("os.arch"))
                .contains("cpu:", Runtime.getRuntime().availableProcessors() + " processors available to the JVM")
                .contains("vector api:", "JIT max vector size:")
                .contains("threads:", "-Ddescent.threads")
                .contains("descent.backend:", "unset")
                .contains("default backend: scalar (automatic: highest-priority available, priority 0; skipped "
                        + "vector)")
                .contains("providers:")
                .containsPattern("vector +no +100 +fake vector device +start the JVM with --add-modules")
                .containsPattern("scalar +yes +0 +fake scalar device +plain Java loops");
    }

    @Test
    void anExplicitChoiceIsShownWithWhatIsWrongWithIt() {
        List<ProviderRegistry.Entry> entries = List.of(BackendChoiceTest.entry("vector", 100, false, "no module"),
                BackendChoiceTest.entry("scalar", 0, true, "loops"));

        assertThat(EnvironmentReport.describe(entries, "scalar", null))
                .contains("default backend: scalar (set by -Ddescent.backend)");
        assertThat(EnvironmentReport.describe(entries, null, "vector"))
                .contains("default backend: error: vector (set by DESCENT_BACKEND) is not available: no module");
        assertThat(EnvironmentReport.describe(entries, "tpu", null))
                .contains("error: tpu (set by -Ddescent.backend) is not a known backend");
    }

    @Test
    void describeWorksWithNoBackendOnTheClassPath() {
        // core's test class path holds only fakes (unloadable, broken probe, failing create): describe() must
        // still report them all, create nothing and not throw
        assertThat(Backends.describe()).contains("descent:", "providers:");
    }

    @Test
    void theJitVectorWidthIsReadWithoutTheIncubatorModule() {
        assertThat(EnvironmentReport.describe(List.of(), null, null))
                .containsPattern("JIT max vector size: (\\d+ bytes \\(\\d+-bit, \\d+ float lanes\\)|unknown)");
    }
}
