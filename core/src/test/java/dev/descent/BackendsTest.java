package dev.descent;

import dev.descent.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Discovery and selection against the test-only providers of {@code dev.descent.fakes} (registered in core's
 * test {@code META-INF/services}): one available, one unavailable, one whose probe throws, one that fails to
 * start, one that cannot be instantiated.
 */
class BackendsTest {

    private static ProviderInfo row(String name) {
        return Backends.list().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no provider row " + name + " in " + Backends.list()));
    }

    @Test
    void listsEveryProviderHighestPriorityFirst() {
        List<String> names = Backends.list().stream().map(ProviderInfo::name).toList();
        assertThat(names).containsExactly("fake-missing", "fake-broken", "fake-failing", "fake", "(unloadable #1)");
    }

    @Test
    void eachRowCarriesAvailabilityAndAReason() {
        assertThat(row("fake")).isEqualTo(new ProviderInfo("fake", -10, true, "always here (test double)",
                "nothing, 0 threads"));
        assertThat(row("fake-missing").available()).isFalse();
        assertThat(row("fake-missing").reason()).contains("-Dfake.accelerator=on");
        assertThat(row("fake-broken").available()).isFalse();
        assertThat(row("fake-broken").reason()).contains("probe failed", "IllegalStateException", "probe exploded");
        assertThat(row("fake-broken").device()).isEqualTo("fake gpu");
        assertThat(row("fake-failing").available()).as("a create failure is only found by creating").isTrue();
        ProviderInfo unloadable = row("(unloadable #1)");
        assertThat(unloadable.available()).isFalse();
        assertThat(unloadable.priority()).isEqualTo(Integer.MIN_VALUE);
        assertThat(unloadable.reason()).contains("provider failed to load", "FakeProviders$Unloadable");
    }

    @Test
    void tableAlignsOneRowPerProvider() {
        String table = Backends.table();
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines.get(0)).contains("name", "available", "priority", "device", "reason");
        assertThat(lines.get(1)).contains("fake-missing", "no", "50", "fake accelerator", "-Dfake.accelerator=on");
        assertThat(lines.get(4)).contains("fake ", "yes", "-10", "always here");
        int reasonColumn = lines.get(0).indexOf("reason");
        assertThat(lines.get(1).indexOf("needs the fake accelerator")).as("reasons are aligned").isEqualTo(reasonColumn);
        assertThat(lines.get(4).indexOf("always here")).isEqualTo(reasonColumn);
    }

    @Test
    void unknownNameListsEveryProviderWithItsReason() {
        assertThatThrownBy(() -> Backends.get("nope")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContainingAll("unknown backend 'nope'", "fake-missing", "-Dfake.accelerator=on",
                        "fake-broken", "probe exploded", "fake-failing", "always here", "(unloadable #1)");
    }

    @Test
    void unavailableChoiceFailsWithItsReasonAndTheTable() {
        assertThatThrownBy(() -> Backends.get("fake-missing")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("backend 'fake-missing' is not available: needs the fake accelerator")
                .hasMessageContaining("providers found:").hasMessageContaining("probe exploded");
        assertThatThrownBy(() -> Backends.get("fake-broken")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContainingAll("not available", "probe failed", "probe exploded");
    }

    @Test
    void failingStartIsReportedWithItsCause() {
        assertThatThrownBy(() -> Backends.get("fake-failing")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContainingAll("backend 'fake-failing' failed to start", "device lost during start",
                        "providers found:")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void namesAreCaseInsensitiveAndEachBackendIsCreatedOnce() {
        Backend fake = Backends.get("fake");
        assertThat(fake.name()).isEqualTo("fake");
        assertThat(Backends.get(" FAKE ")).isSameAs(fake);
        assertThat(Backends.get("Fake")).isSameAs(fake);
    }

    @Test
    void automaticChoiceSkipsUnavailableAndFailingProviders() {
        assumeTrue(System.getProperty(Backends.PROPERTY) == null && System.getenv(Backends.ENVIRONMENT) == null,
                "the default backend is chosen by property or environment in this JVM");
        assertThat(Backends.getDefault().name()).isEqualTo("fake");
        assertThat(Backends.getDefault()).isSameAs(Backends.get("fake"));
    }
}
