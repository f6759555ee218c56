package dev.descent;

import dev.descent.spi.Availability;
import dev.descent.spi.Backend;
import dev.descent.spi.BackendProvider;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default choice and what it logs, with fake providers and a {@link System.Logger} that records what it is
 * given. (The consumer project's run checks the real output, through the JDK's default logger, end to end.)
 */
class BackendChoiceTest {
    private final List<String> records = new ArrayList<>();
    private final System.Logger log = new System.Logger() {
        @Override
        public String getName() {
            return "dev.descent.Backends";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(level + " " + MessageFormat.format(format, params));
        }
    };

    @Test
    void automaticChoiceLogsOneInfoLineWithWhyAndWarnsWithTheFixForEachSkippedProvider() {
        List<ProviderRegistry.Entry> entries = List.of(
                entry("vector", 100, false, "jdk.incubator.vector is not resolved: start the JVM with "
                        + "--add-modules jdk.incubator.vector"),
                entry("scalar", 0, true, "plain Java loops"));

        Backend chosen = Backends.choose(entries, null, null, log, BackendChoiceTest::fakeBackend);

        assertThat(chosen.name()).isEqualTo("scalar");
        assertThat(records).containsExactly(
                "WARNING descent backend vector skipped: jdk.incubator.vector is not resolved: start the JVM with "
                        + "--add-modules jdk.incubator.vector",
                "INFO descent backend: scalar (automatic: highest-priority available, priority 0; skipped vector)"
                        + " on fake scalar device");
    }

    @Test
    void automaticChoiceWithNothingSkippedSaysSo() {
        List<ProviderRegistry.Entry> entries = List.of(entry("vector", 100, true, "512-bit"),
                entry("scalar", 0, true, "loops"));

        assertThat(Backends.choose(entries, null, null, log, BackendChoiceTest::fakeBackend).name())
                .isEqualTo("vector");
        assertThat(records).containsExactly(
                "INFO descent backend: vector (automatic: highest-priority available, priority 100) on fake vector "
                        + "device");
    }

    @Test
    void aBackendThatFailsToStartIsSkippedWithItsError() {
        List<ProviderRegistry.Entry> entries = List.of(entry("gpu", 200, true, "a device"),
                entry("scalar", 0, true, "loops"));
        Function<ProviderRegistry.Entry, Backend> creator = e -> {
            if (e.info().name().equals("gpu")) {
                throw new BackendUnavailableException("backend 'gpu' failed to start: no driver\nproviders...");
            }
            return fakeBackend(e);
        };

        assertThat(Backends.choose(entries, null, null, log, creator).name()).isEqualTo("scalar");
        assertThat(records).first().isEqualTo("WARNING descent backend gpu skipped: backend 'gpu' failed to start: "
                + "no driver");
        assertThat(records).last().asString().contains("skipped gpu");
    }

    @Test
    void theSystemPropertyIsObeyedAndNamedAsTheReason() {
        List<ProviderRegistry.Entry> entries = List.of(entry("vector", 100, true, "512-bit"),
                entry("scalar", 0, true, "loops"));

        assertThat(Backends.choose(entries, " Scalar ", "vector", log, BackendChoiceTest::fakeBackend).name())
                .isEqualTo("scalar");
        assertThat(records).containsExactly(
                "INFO descent backend: scalar (set by -Ddescent.backend=Scalar) on fake scalar device");
    }

    @Test
    void theEnvironmentVariableIsObeyedWhenThePropertyIsUnset() {
        List<ProviderRegistry.Entry> entries = List.of(entry("vector", 100, true, "512-bit"),
                entry("scalar", 0, true, "loops"));

        assertThat(Backends.choose(entries, "", "scalar", log, BackendChoiceTest::fakeBackend).name())
                .isEqualTo("scalar");
        assertThat(records).containsExactly(
                "INFO descent backend: scalar (set by DESCENT_BACKEND=scalar) on fake scalar device");
    }

    @Test
    void anExplicitChoiceThatIsUnavailableFailsWithTheWholeTableInsteadOfFallingBack() {
        List<ProviderRegistry.Entry> entries = List.of(entry("vector", 100, false, "needs --add-modules"),
                entry("scalar", 0, true, "loops"));

        assertThatThrownBy(() -> Backends.choose(entries, "vector", null, log, BackendChoiceTest::fakeBackend))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("backend 'vector' is not available: needs --add-modules")
                .hasMessageContaining("scalar");
        assertThatThrownBy(() -> Backends.choose(entries, "tpu", null, log, BackendChoiceTest::fakeBackend))
                .hasMessageContaining("unknown backend 'tpu'");
    }

    @Test
    void noAvailableProviderIsAnErrorListingThemAll() {
        List<ProviderRegistry.Entry> entries = List.of(entry("vector", 100, false, "needs --add-modules"));

        assertThatThrownBy(() -> Backends.choose(entries, null, null, log, BackendChoiceTest::fakeBackend))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no descent backend is available")
                .hasMessageContaining("needs --add-modules");
    }

    static ProviderRegistry.Entry entry(String name, int priority, boolean available, String reason) {
        BackendProvider provider = new BackendProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Availability probe() {
                return new Availability(available, reason);
            }

            @Override
            public String device() {
                return "fake " + name + " device";
            }

            @Override
            public Backend create() {
                throw new UnsupportedOperationException("the tests create backends through fakeBackend");
            }
        };
        return new ProviderRegistry.Entry(provider, new ProviderInfo(name, priority, available, reason,
                provider.device()));
    }

    /** A Backend whose name and device are those of the entry; nothing else is called in these tests. */
    static Backend fakeBackend(ProviderRegistry.Entry entry) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[]{Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> entry.info().name();
                    case "device" -> entry.info().device();
                    case "toString" -> "fake " + entry.info().name();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
