package dev.descent;

import dev.descent.spi.Backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds compute backends and chooses one.
 *
 * <p>Backends are modules that provide {@link dev.descent.spi.BackendProvider}; adding a backend's jar to the
 * class path or module path makes it available with no code change. The default backend is, in order:
 * <ol>
 *   <li>the one named by the system property {@value #PROPERTY} ({@code -Ddescent.backend=vector}),</li>
 *   <li>else the one named by the environment variable {@value #ENVIRONMENT},</li>
 *   <li>else the available provider with the highest priority.</li>
 * </ol>
 * A backend named explicitly (by property, environment or {@link #get(String)}) is used or the call fails with
 * a {@link BackendUnavailableException} carrying the whole provider table: there is no silent fallback. Only
 * the automatic choice skips unavailable providers. The choice is logged once at INFO through
 * {@link System.Logger}, and each skipped provider at WARNING with its reason.
 *
 * <p>Each backend is created once per JVM and shared; this class is thread-safe.
 *
 * <p>Ordinary programs get their device from {@link Device#best()} and {@link Device#named(String)}, which make
 * the same choice; {@link #get(String)} and {@link #getDefault()} return the {@link Backend} itself, for backend
 * and benchmark code that calls kernels. {@link #list()}, {@link #table()} and {@link #describe()} are for
 * everyone.
 */
public final class Backends {
    /** System property that names the default backend. */
    public static final String PROPERTY = "descent.backend";
    /** Environment variable that names the default backend when the property is absent. */
    public static final String ENVIRONMENT = "DESCENT_BACKEND";

    private static final System.Logger LOG = System.getLogger("dev.descent.Backends");
    private static final Map<String, Backend> CREATED = new ConcurrentHashMap<>();

    private Backends() {
    }

    /** Every provider found, highest priority first, with its availability and reason. */
    public static List<ProviderInfo> list() {
        return ProviderRegistry.entries().stream().map(ProviderRegistry.Entry::info).toList();
    }

    /** The provider table as aligned text: name, available, priority, device, reason. */
    public static String table() {
        return table(list());
    }

    /**
     * What a bug report needs: descent's version, the JDK, OS and CPU, whether the Vector API is there and how
     * wide the JIT's vectors are, the thread setting, which backend the default choice picks and why, and every
     * provider with its availability and reason. {@code descent backends} prints it.
     *
     * <p>Creates no backend and logs nothing; safe to call when no backend is available.
     *
     * @return a multi-line report, one {@code key: value} per line, then the provider table
     */
    public static String describe() {
        return EnvironmentReport.describe(ProviderRegistry.entries(), System.getProperty(PROPERTY),
                System.getenv(ENVIRONMENT));
    }

    static String table(List<ProviderInfo> rows) {
        if (rows.isEmpty()) {
            return "  (no backend providers found: add descent-backend-scalar or another backend to the class path)";
        }
        int nameWidth = "name".length();
        int deviceWidth = "device".length();
        for (ProviderInfo row : rows) {
            nameWidth = Math.max(nameWidth, row.name().length());
            deviceWidth = Math.max(deviceWidth, row.device().length());
        }
        String format = "  %-" + nameWidth + "s  %-9s  %8s  %-" + deviceWidth + "s  %s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "name", "available", "priority",
                "device", "reason"));
        for (ProviderInfo row : rows) {
            sb.append(String.format(Locale.ROOT, format, row.name(), row.available() ? "yes" : "no", row.priority(),
                    row.device(), row.reason()));
        }
        return sb.toString().stripTrailing();
    }

    /**
     * The backend called {@code name} (case-insensitive), created on first use.
     *
     * @throws BackendUnavailableException if no provider has that name, or it is unavailable here; the message
     *                                     lists every provider with its reason
     */
    public static Backend get(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        Backend existing = CREATED.get(key);
        if (existing != null) {
            return existing;
        }
        return get(ProviderRegistry.entries(), name, Backends::createOnce);
    }

    /** The explicitly named backend among {@code entries}, or an exception listing them all. */
    static Backend get(List<ProviderRegistry.Entry> entries, String name,
                       Function<ProviderRegistry.Entry, Backend> creator) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        ProviderRegistry.Entry entry = entries.stream()
                .filter(e -> e.provider() != null && e.info().name().equals(key)).findFirst().orElse(null);
        if (entry == null) {
            throw new BackendUnavailableException("unknown backend '" + name + "'; providers found:\n"
                    + table(infos(entries)));
        }
        if (!entry.info().available()) {
            throw new BackendUnavailableException("backend '" + key + "' is not available: " + entry.info().reason()
                    + "\nproviders found:\n" + table(infos(entries)));
        }
        return creator.apply(entry);
    }

    /** The default backend: the named one if {@value #PROPERTY} or {@value #ENVIRONMENT} is set, else automatic. */
    public static Backend getDefault() {
        Backend chosen = defaultBackend;
        if (chosen == null) {
            synchronized (Backends.class) {
                chosen = defaultBackend;
                if (chosen == null) {
                    // Not a holder class: a choice that throws would fail its static initializer, and every later
                    // call would get NoClassDefFoundError instead of the provider table.
                    chosen = chooseDefault();
                    defaultBackend = chosen;
                }
            }
        }
        return chosen;
    }

    private static volatile Backend defaultBackend;

    private static Backend chooseDefault() {
        return choose(ProviderRegistry.entries(), System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), LOG,
                Backends::createOnce);
    }

    /**
     * The default choice among {@code entries}, given the property and environment values (null when unset).
     * Logs one INFO line naming the backend and why, and a WARNING for each provider the automatic choice
     * skipped, with its reason (which says how to fix it).
     */
    static Backend choose(List<ProviderRegistry.Entry> entries, String property, String environment,
                          System.Logger log, Function<ProviderRegistry.Entry, Backend> creator) {
        if (property != null && !property.isBlank()) {
            Backend b = get(entries, property, creator);
            log.log(System.Logger.Level.INFO, "descent backend: {0} (set by -D{1}={2}) on {3}", b.name(), PROPERTY,
                    property.trim(), b.device());
            return b;
        }
        if (environment != null && !environment.isBlank()) {
            Backend b = get(entries, environment, creator);
            log.log(System.Logger.Level.INFO, "descent backend: {0} (set by {1}={2}) on {3}", b.name(),
                    ENVIRONMENT, environment.trim(), b.device());
            return b;
        }
        List<String> skipped = new ArrayList<>();
        for (ProviderRegistry.Entry entry : entries) {
            ProviderInfo info = entry.info();
            if (!info.available() || entry.provider() == null) {
                log.log(System.Logger.Level.WARNING, "descent backend {0} skipped: {1}", info.name(), info.reason());
                skipped.add(info.name());
                continue;
            }
            try {
                Backend b = creator.apply(entry);
                log.log(System.Logger.Level.INFO, "descent backend: {0} ({1}) on {2}", b.name(),
                        automaticReason(info, skipped), b.device());
                return b;
            } catch (BackendUnavailableException e) {
                log.log(System.Logger.Level.WARNING, "descent backend {0} skipped: {1}", info.name(),
                        e.getMessage().lines().findFirst().orElse(""));
                skipped.add(info.name());
            }
        }
        throw new BackendUnavailableException("no descent backend is available; providers found:\n"
                + table(infos(entries)));
    }

    /** Why the automatic choice picked {@code info}, e.g. "highest-priority available; skipped vector". */
    static String automaticReason(ProviderInfo info, List<String> skipped) {
        String reason = "automatic: highest-priority available, priority " + info.priority();
        return skipped.isEmpty() ? reason : reason + "; skipped " + String.join(", ", skipped);
    }

    private static List<ProviderInfo> infos(List<ProviderRegistry.Entry> entries) {
        return entries.stream().map(ProviderRegistry.Entry::info).toList();
    }

    private static Backend createOnce(ProviderRegistry.Entry entry) {
        return CREATED.computeIfAbsent(entry.info().name(), k -> create(entry));
    }

    private static Backend create(ProviderRegistry.Entry entry) {
        try {
            return entry.provider().create();
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailableException("backend '" + entry.info().name() + "' failed to start: " + e
                    + "\nproviders found:\n" + table(), e);
        }
    }
}
