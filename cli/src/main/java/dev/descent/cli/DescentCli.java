package dev.descent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code descent}: train a model from a CSV file, predict with it, list backends. Run through {@code bin/descent},
 * which finds a JDK 25 and adds the JVM flags the vector backend needs.
 */
@Command(name = "descent", mixinStandardHelpOptions = true, version = "descent 0.1.0-SNAPSHOT",
        description = "Train models by gradient descent on pluggable compute backends.",
        subcommands = {TrainCommand.class, PredictCommand.class, BackendsCommand.class})
public final class DescentCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code: 0 success, 1 failure, 2 bad command line. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new DescentCli()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(CliErrors::handleExecution);
        cli.setParameterExceptionHandler(CliErrors::handleParse);
        return cli.execute(args);
    }
}
