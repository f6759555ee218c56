package dev.descent.cli;

import dev.descent.PrintableText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks every hostile case of the adversarial process tests shares: a real {@code descent} process, exit
 * code 1 or 2, exactly one line on stderr that names the problem, is printable (no control characters) and
 * carries no stack trace or Java internals, and a working folder left exactly as it was (every file's type,
 * bytes and link target, recursively).
 */
final class Hostile {
    private Hostile() {
    }

    /**
     * One hostile run.
     *
     * @param name   what is attacked (the test's display name)
     * @param args   the command line after {@code descent}
     * @param named  text the error line must contain
     * @param jvm    extra JVM options ({@code -Xmx256m})
     * @param stdout where standard output goes ({@code /dev/full}), or null to capture it
     */
    record Case(String name, List<String> args, String named, List<String> jvm, Path stdout) {
        Case(String name, List<String> args, String named) {
            this(name, args, named, List.of(), null);
        }

        Case withJvm(String... options) {
            return new Case(name, args, named, List.of(options), stdout);
        }

        Case withStdout(Path file) {
            return new Case(name, args, named, jvm, file);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A case from its name, the text its error must name, and its arguments. */
    static Case of(String name, String named, String... args) {
        return new Case(name, List.of(args), named);
    }

    /** Runs {@code c} in {@code dir} and checks it was refused with one line and nothing changed. */
    static CliProcess.Result assertRefused(Path dir, Case c) throws Exception {
        Map<String, String> before = snapshot(dir);
        CliProcess.Result r = CliProcess.run(dir, c.jvm(), c.stdout(), c.args().toArray(String[]::new));
        assertOneErrorLine(r, c.named());
        assertThat(snapshot(dir)).as("files in the working folder after a refused run").isEqualTo(before);
        return r;
    }

    /** Exit 1 or 2 and exactly one stderr line, naming {@code named}, printable, without Java internals. */
    static void assertOneErrorLine(CliProcess.Result r, String named) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isIn(1, 2);
        assertThat(r.errorLines()).as("stderr lines").hasSize(1);
        assertCleanError(r.errorLines().getFirst(), named);
    }

    /** An error line that names {@code named} and shows no control characters, stack trace or Java class names. */
    static void assertCleanError(String line, String named) {
        assertThat(line).contains(named).startsWith("descent")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("No enum constant")
                .doesNotContain("dev.descent.").doesNotContain("java.");
        assertThat(line.codePoints().allMatch(PrintableText::isPrintable)).as("printable: %s", line).isTrue();
    }

    /** Every entry under {@code dir}: relative path to type and content hash (or link target). */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String what;
                if (a.isSymbolicLink()) {
                    what = "link -> " + Files.readSymbolicLink(p);
                } else if (a.isRegularFile()) {
                    what = "file " + a.size() + " " + sha256(p) + " " + a.fileKey();
                } else if (a.isDirectory()) {
                    what = "directory";
                } else {
                    what = "other " + a.fileKey();
                }
                m.put(dir.relativize(p).toString(), what);
            }
        }
        return m;
    }

    /** The SHA-256 of {@code file}'s content, in hex. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
