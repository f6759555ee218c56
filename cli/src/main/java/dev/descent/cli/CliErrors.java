package dev.descent.cli;

import dev.descent.BackendUnavailableException;
import dev.descent.Backends;
import dev.descent.DescentException;
import dev.descent.PrintableText;
import dev.descent.ProviderInfo;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Turns every failure into the single stderr line a user sees, and its exit code: 2 for a bad command line,
 * 1 for bad input data or a failure while running. A stack trace is printed only when {@code DESCENT_DEBUG} is
 * set, for bug reports. Every line is passed through {@link PrintableText#escape}: text quoted from a file (a
 * column name, a metadata value) cannot put control sequences on the user's terminal.
 */
final class CliErrors {
    static final int USAGE = 2;
    static final int FAILURE = 1;

    private CliErrors() {
    }

    static int handleExecution(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        commandLine.getErr().println(PrintableText.escape(prefix(commandLine) + message(e)));
        if (System.getenv("DESCENT_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return e instanceof UsageException ? USAGE : FAILURE;
    }

    static int handleParse(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getParent() == null ? "descent" : "descent " + cli.getCommandName();
        cli.getErr().println(PrintableText.escape(prefix(cli) + e.getMessage() + " (see '" + command + " --help')"));
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
        return "unexpected error (a bug: please report it with the output of DESCENT_DEBUG=1): "
                + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The one line for an {@link OutOfMemoryError} that the memory estimate did not foresee. */
    static String outOfMemory(String command) {
        long max = Runtime.getRuntime().maxMemory();
        long suggest = Math.max(2, (long) Math.ceil(max * 2.0 / (1L << 30)));
        return command + ": out of memory: the Java heap of " + MemoryEstimate.human(max) + " is too small for this"
                + " run; use a smaller model, batch or data set, or a larger heap: DESCENT_JAVA_OPTS=-Xmx" + suggest
                + "g";
    }

    /** The one line for an exception that ended a thread other than the command's own. */
    static String uncaught(String command, Thread thread, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return outOfMemory(command);
        }
        return PrintableText.escape(command + ": unexpected error in thread " + thread.getName() + " (a bug: please"
                + " report it with the output of DESCENT_DEBUG=1): " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
}
