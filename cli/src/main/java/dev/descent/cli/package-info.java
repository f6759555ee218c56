/**
 * The {@code descent} command-line program: {@code train}, {@code predict} and {@code backends}.
 * {@link dev.descent.cli.DescentCli} is the entry point; each subcommand is one class; every error reaches the
 * user as one line on stderr with a non-zero exit code ({@link dev.descent.cli.CliErrors}), and no output file
 * is written unless the command succeeds.
 */
package dev.descent.cli;
