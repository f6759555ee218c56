package dev.descent.cli;

import dev.descent.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code descent backends}: the provider table (name, available, priority, device, reason). */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Describe this environment (JDK, OS, CPU, vector width, threads) and every backend found: name, available, priority, device, reason.")
final class BackendsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Backends.describe());
        return 0;
    }
}
