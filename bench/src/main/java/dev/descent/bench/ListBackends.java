package dev.descent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.Backends;
import dev.descent.ProviderInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Asks descent which backends this JVM can run, for {@code bench/run.sh}: prints the available providers'
 * names, comma-separated (the value of JMH's {@code -p backend=...}), on standard output, and with
 * {@code --json FILE} writes every provider (available or not, with its reason) and {@link Backends#describe()}
 * to FILE, which the report reads to list the unavailable ones.
 */
public final class ListBackends {
    private ListBackends() {
    }

    /**
     * Entry point.
     *
     * @param args optionally {@code --json FILE}
     * @throws IOException if FILE cannot be written
     */
    public static void main(String[] args) throws IOException {
        List<ProviderInfo> providers = Backends.list();
        if (args.length == 2 && args[0].equals("--json")) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            ArrayNode rows = root.putArray("providers");
            for (ProviderInfo p : providers) {
                rows.addObject().put("name", p.name()).put("available", p.available()).put("priority", p.priority())
                        .put("device", p.device()).put("reason", p.reason());
            }
            root.put("describe", Backends.describe());
            Path out = Path.of(args[1]);
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            mapper.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
        } else if (args.length != 0) {
            System.err.println("usage: ListBackends [--json FILE]");
            System.exit(2);
        }
        System.out.println(providers.stream().filter(ProviderInfo::available).map(ProviderInfo::name)
                .collect(Collectors.joining(",")));
    }
}
