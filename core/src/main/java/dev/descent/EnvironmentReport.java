package dev.descent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the text of {@link Backends#describe()}: everything a bug report about a backend needs, gathered
 * without creating a backend and without linking {@code jdk.incubator.vector} (core never does).
 */
final class EnvironmentReport {
    /** System property backends read for their thread count. */
    static final String THREADS_PROPERTY = "descent.threads";

    /** The SIMD extensions in /proc/cpuinfo that decide how wide the JIT's vectors can be. */
    private static final Set<String> SIMD_FLAGS = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512vl", "avx512_bf16", "avx512_fp16", "asimd", "sve", "sve2");

    private EnvironmentReport() {
    }

    static String describe(List<ProviderRegistry.Entry> entries, String property, String environment) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("descent", version() + " (" + (EnvironmentReport.class.getModule().isNamed()
                ? "module path" : "class path") + ")");
        lines.put("java", System.getProperty("java.runtime.version", Runtime.version().toString()) + ", "
                + System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "?")
                + ", " + System.getProperty("java.home", "?"));
        lines.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        lines.put("cpu", cpu());
        lines.put("vector api", vectorApi());
        lines.put("threads", threads());
        lines.put("max heap", String.format(Locale.ROOT, "%.1f GiB", Runtime.getRuntime().maxMemory()
                / (1024.0 * 1024 * 1024)));
        lines.put(Backends.PROPERTY, orUnset(property));
        lines.put(Backends.ENVIRONMENT, orUnset(environment));
        lines.put("default backend", defaultChoice(entries, property, environment));

        StringBuilder sb = new StringBuilder();
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        lines.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-" + width + "s %s%n", k + ":", v)));
        sb.append("providers:").append(System.lineSeparator());
        sb.append(Backends.table(entries.stream().map(ProviderRegistry.Entry::info).toList()));
        return sb.toString();
    }

    /** descent-core's version: the module version javac recorded, else the jar manifest's, else "unknown". */
    static String version() {
        Module module = EnvironmentReport.class.getModule();
        if (module.isNamed() && module.getDescriptor() != null) {
            Optional<String> raw = module.getDescriptor().rawVersion();
            if (raw.isPresent()) {
                return raw.get();
            }
        }
        String manifest = EnvironmentReport.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }

    private static String orUnset(String value) {
        return value == null || value.isBlank() ? "unset" : value;
    }

    /** What the default choice would pick, without creating anything or logging. */
    static String defaultChoice(List<ProviderRegistry.Entry> entries, String property, String environment) {
        if (property != null && !property.isBlank()) {
            return explicit(entries, property, "set by -D" + Backends.PROPERTY);
        }
        if (environment != null && !environment.isBlank()) {
            return explicit(entries, environment, "set by " + Backends.ENVIRONMENT);
        }
        List<String> skipped = new ArrayList<>();
        for (ProviderRegistry.Entry entry : entries) {
            if (entry.provider() != null && entry.info().available()) {
                return entry.info().name() + " (" + Backends.automaticReason(entry.info(), skipped) + ")";
            }
            skipped.add(entry.info().name());
        }
        return "none: no provider is available (add descent-backend-scalar to the class path or module path)";
    }

    private static String explicit(List<ProviderRegistry.Entry> entries, String name, String why) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.info().name().equals(key)).findFirst()
                .map(e -> e.info().available() ? key + " (" + why + ")"
                        : "error: " + key + " (" + why + ") is not available: " + e.info().reason())
                .orElse("error: " + key + " (" + why + ") is not a known backend");
    }

    private static String cpu() {
        StringBuilder sb = new StringBuilder(Runtime.getRuntime().availableProcessors()
                + " processors available to the JVM");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                String model = null;
                List<String> simd = new ArrayList<>();
                for (String line : (Iterable<String>) lines::iterator) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        if (line.isBlank() && model != null) {
                            break; // the first processor's block is enough
                        }
                        continue;
                    }
                    String key = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    if (key.equals("model name") || key.equals("Model") || key.equals("CPU part") && model == null) {
                        model = value;
                    } else if ((key.equals("flags") || key.equals("Features")) && simd.isEmpty()) {
                        for (String flag : value.split("\\s+")) {
                            if (SIMD_FLAGS.contains(flag)) {
                                simd.add(flag);
                            }
                        }
                    }
                }
                if (model != null) {
                    sb.append("; ").append(model);
                }
                sb.append("; simd: ").append(simd.isEmpty() ? "none reported" : String.join(" ", simd));
            } catch (IOException | RuntimeException e) {
                sb.append("; /proc/cpuinfo unreadable: ").append(e.getMessage());
            }
        }
        return sb.toString();
    }

    /**
     * Whether {@code jdk.incubator.vector} is in the boot layer, and the JIT's widest vector (HotSpot's
     * {@code MaxVectorSize}), read through the management API rather than by touching the incubator module.
     */
    private static String vectorApi() {
        boolean resolved = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String width = maxVectorSize();
        return (resolved ? "jdk.incubator.vector resolved" : "jdk.incubator.vector not resolved (a backend that "
                + "uses it needs --add-modules jdk.incubator.vector on the class path)") + "; JIT max vector size: "
                + width;
    }

    private static String maxVectorSize() {
        try {
            return HotSpotFlag.maxVectorSize();
        } catch (LinkageError e) {
            return "unknown (module jdk.management not resolved; add --add-modules jdk.management to see it)";
        }
    }

    /** Kept in its own class so that a missing {@code jdk.management} module fails here, catchably. */
    private static final class HotSpotFlag {
        static String maxVectorSize() {
            try {
                var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
                if (bean == null) {
                    return "unknown (not a HotSpot JVM)";
                }
                int bytes = Integer.parseInt(bean.getVMOption("MaxVectorSize").getValue());
                return bytes + " bytes (" + bytes * 8 + "-bit, " + bytes / Float.BYTES + " float lanes)";
            } catch (IllegalArgumentException e) {
                return "unknown (" + e.getMessage() + ")";
            }
        }
    }

    private static String threads() {
        String value = System.getProperty(THREADS_PROPERTY);
        int processors = Runtime.getRuntime().availableProcessors();
        return value == null || value.isBlank()
                ? "-D" + THREADS_PROPERTY + " unset (multi-threaded backends default to " + processors + ")"
                : "-D" + THREADS_PROPERTY + "=" + value + " (" + processors + " processors available)";
    }
}
