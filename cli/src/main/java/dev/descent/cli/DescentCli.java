package dev.descent.cli;

import dev.descent.io.FileWriteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/**
 * {@code descent}: train a model from a CSV file, predict with it, list backends. Run through {@code bin/descent},
 * which finds a JDK 25 and adds the JVM flags the vector backend needs.
 */
@Command(name = "descent", mixinStandardHelpOptions = true, version = "descent 0.1.0-SNAPSHOT",
        description = "Train models by gradient descent on pluggable compute backends.",
        subcommands = {TrainCommand.class, PredictCommand.class, BackendsCommand.class})
public final class DescentCli {

    /**
     * The program: runs the command line on the process's standard output (written through a stream that
     * reports write errors) and exits with its code. An {@code OutOfMemoryError}, which the memory estimate
     * should prevent, still ends in one line and exit 1.
     */
    public static void main(String[] args) {
        String command = args.length > 0 && !args[0].startsWith("-") ? "descent " + args[0] : "descent";
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println(CliErrors.uncaught(command, thread, e));
            if (e instanceof OutOfMemoryError) {
                Runtime.getRuntime().halt(CliErrors.FAILURE);
            }
        });
        int code;
        try {
            code = execute(new FileOutputStream(FileDescriptor.out), args);
        } catch (OutOfMemoryError e) {
            System.err.println(CliErrors.outOfMemory(command));
            code = CliErrors.FAILURE;
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code: 0 success, 1 failure, 2 bad command line. */
    public static int execute(String... args) {
        return execute(System.out, args);
    }

    /** {@link #execute(String...)} with standard output going to {@code stdout}. */
    static int execute(OutputStream stdout, String... args) {
        ProgressNotes.install();
        StandardOutput out = StandardOutput.over(stdout);
        CommandLine cli = new CommandLine(new DescentCli()).setCaseInsensitiveEnumValuesAllowed(true);
        // "@file" arguments would make picocli read any file (or /dev/zero) as more arguments: a path is a path.
        cli.setExpandAtFiles(false);
        cli.setOut(out);
        cli.setExecutionExceptionHandler(CliErrors::handleExecution);
        cli.setParameterExceptionHandler(CliErrors::handleParse);
        int code = cli.execute(args);
        if (code == 0) {
            try {
                StandardOutput.check(out);
            } catch (FileWriteException e) {
                cli.getErr().println("descent: " + e.getMessage());
                cli.getErr().flush();
                code = CliErrors.FAILURE;
            }
        }
        return code;
    }
}
