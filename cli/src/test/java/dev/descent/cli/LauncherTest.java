package dev.descent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/descent}'s stderr filter: it drops the JVM's incubator notice and nothing else, byte for byte. A
 * message holding a NUL byte used to make grep print "binary file matches" instead of the message. The launcher
 * is run from a copy of {@code bin/} whose JDK is a stand-in {@code java} script printing the notice, a line with
 * a NUL byte and a line without a final newline, and exiting 3.
 */
class LauncherTest {
    private static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path root;

    @Test
    void theFilterDropsOnlyTheIncubatorNoticeAndKeepsBytesAndTheExitCode() throws Exception {
        Path repository = Path.of(System.getProperty("user.dir")).getParent();
        Path bin = Files.createDirectories(root.resolve("bin"));
        for (String name : new String[] {"descent", "jdk25"}) {
            Files.copy(repository.resolve("bin").resolve(name), bin.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/descent-cli.jar"), "");
        Path jdk = Files.createDirectories(root.resolve("jdk/bin"));
        Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.1\"\n");
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "echo '" + NOTICE + "' >&2\n"
                + "printf 'descent train: n.csv:2:3: cell \"3\\000\" is not a number\\n' >&2\n"
                + "printf 'WARNING: Using incubator modules: jdk.incubator.vector, and more\\n' >&2\n"
                + "printf 'last line without newline' >&2\n"
                + "exit 3\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder("bash", bin.resolve("descent").toString(), "train");
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        p.getErrorStream().transferTo(err);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "descent train: n.csv:2:3: cell \"3\u0000\" is not a number\n"
                        + "WARNING: Using incubator modules: jdk.incubator.vector, and more\n"
                        + "last line without newline\n");
    }
}
