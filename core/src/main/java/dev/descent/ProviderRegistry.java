package dev.descent;

import dev.descent.spi.Availability;
import dev.descent.spi.BackendProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The providers found by {@link ServiceLoader}, probed once. Loaded lazily through the holder idiom
 * ({@link Holder}), never in a static initializer of {@link Backends}: a provider that fails to load becomes a
 * row with the failure as its reason instead of poisoning the facade class for the JVM's life.
 */
final class ProviderRegistry {
    /** A provider together with the outcome of probing it (null provider when it failed to load at all). */
    record Entry(BackendProvider provider, ProviderInfo info) {
    }

    private ProviderRegistry() {
    }

    static List<Entry> entries() {
        return Holder.ENTRIES;
    }

    private static final class Holder {
        static final List<Entry> ENTRIES = discover();
    }

    private static List<Entry> discover() {
        List<Entry> entries = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, ProviderRegistry.class.getClassLoader())
                .iterator();
        int broken = 0;
        while (true) {
            BackendProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                broken++;
                entries.add(new Entry(null, new ProviderInfo("(unloadable #" + broken + ")", Integer.MIN_VALUE, false,
                        "provider failed to load: " + e + "; fix: use backend jars of the same descent version as "
                        + "descent-core, or remove the broken jar", "unknown")));
                continue;
            }
            entries.add(new Entry(provider, probe(provider)));
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.info().priority()).reversed()
                .thenComparing(e -> e.info().name()));
        return List.copyOf(entries);
    }

    private static ProviderInfo probe(BackendProvider provider) {
        String name = provider.getClass().getName();
        int priority = 0;
        String device = "unknown";
        try {
            name = provider.name();
            priority = provider.priority();
            device = provider.device();
            Availability availability = provider.probe();
            return new ProviderInfo(name, priority, availability.available(), availability.reason(), device);
        } catch (RuntimeException | LinkageError e) {
            return new ProviderInfo(name, priority, false, "probe failed: " + e + "; a bug in this backend: please report it with the "
                    + "output of Backends.describe()", device);
        }
    }
}
