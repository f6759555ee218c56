package dev.descent;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed default choice must fail the same way on every call (with the provider table), and a later call
 * must be able to succeed: {@link Backends#getDefault()} may not cache a failure the way a failed static
 * initializer would (NoClassDefFoundError forever). Runs in a child JVM so the choice is fresh.
 */
class BackendsDefaultTest {
    /** The child: asks twice with an unknown name, then once with the property cleared. */
    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (int call = 0; call < 2; call++) {
            try {
                Backends.getDefault();
                out.append("chosen ");
            } catch (Throwable t) {
                out.append(t.getClass().getSimpleName()).append(t.getMessage().contains("providers found")
                        ? "+table " : " ");
            }
        }
        System.clearProperty(Backends.PROPERTY);
        out.append(Backends.getDefault().name());
        System.out.print(out);
    }

    @Test
    void aFailedDefaultChoiceFailsTheSameWayAndCanLaterSucceed() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "-D" + Backends.PROPERTY + "=nope",
                BackendsDefaultTest.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().remove(Backends.ENVIRONMENT);
        Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("BackendUnavailableException+table BackendUnavailableException+table fake");
    }
}
