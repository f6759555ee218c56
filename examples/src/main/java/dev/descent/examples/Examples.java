package dev.descent.examples;

import dev.descent.DescentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/example}: one subcommand per example. Errors in the options or in the library end
 * the program with one line on stderr and a non-zero exit code, never a stack trace.
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Runs a descent example.",
        subcommands = {LinearRegressionGd.class, LinearRegressionSgd.class, LinearRegressionAutograd.class,
                LogisticRegression.class, MlpClassifier.class})
public final class Examples {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 success, 1 runtime error, 2 bad options). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Examples());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof DescentException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return e instanceof DescentException ? 1 : 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
