package dev.descent.cli;

import dev.descent.BackendUnavailableException;
import dev.descent.Backends;
import dev.descent.DescentException;
import dev.descent.ProviderInfo;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Turns every failure into the single stderr line a user sees, and its exit code: 2 for a bad command line,
 * 1 for bad input data or a failure while running. A stack trace is printed only when {@code DESCENT_DEBUG} is
 * set, for bug reports.
 */
final class CliErrors {
    static final int USAGE = 2;
    static final int FAILURE = 1;

    private CliErrors() {
    }

    static int handleExecution(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        commandLine.getErr().println(prefix(commandLine) + message(e));
        if (System.getenv("DESCENT_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return e instanceof UsageException ? USAGE : FAILURE;
    }

    static int handleParse(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getParent() == null ? "descent" : "descent " + cli.getCommandName();
        cli.getErr().println(prefix(cli) + e.getMessage() + " (see '" + command + " --help')");
        return USAGE;
    }

    private static String prefix(CommandLine cli) {
        return cli.getParent() == null ? "descent: " : "descent " + cli.getCommandName() + ": ";
    }

    private static String message(Throwable e) {
        Throwable t = e;
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof NoSuchFileException n) {
            return "file not found: " + n.getFile();
        }
        if (t instanceof IOException io) {
            return "I/O error: " + io.getMessage();
        }
        if (t instanceof BackendUnavailableException) {
            // The library's message carries the whole provider table; on the command line one line says it all.
            StringBuilder sb = new StringBuilder(t.getMessage().lines().findFirst().orElse("backend unavailable")
                    .replaceAll(";? ?providers found:$", ""));
            sb.append(" (providers:");
            for (ProviderInfo p : Backends.list()) {
                sb.append(' ').append(p.name()).append(p.available() ? " available;" : " unavailable: " + p.reason() + ";");
            }
            sb.setLength(sb.length() - 1);
            return sb.append("; see 'descent backends')").toString();
        }
        if (t instanceof DescentException || t instanceof UsageException) {
            return t.getMessage();
        }
        return "unexpected error: " + t;
    }
}
