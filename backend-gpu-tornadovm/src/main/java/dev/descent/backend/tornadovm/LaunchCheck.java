package dev.descent.backend.tornadovm;

import dev.descent.spi.Availability;

import java.util.function.UnaryOperator;

/**
 * The first half of the probe: whether this JVM was launched the way TornadoVM needs, judged only from system
 * properties and the environment, so that it never loads a TornadoVM class. TornadoVM's argfile
 * ({@code @$TORNADOVM_HOME/tornado-argfile}) sets the {@code tornado.load.*} properties that name its runtime
 * classes together with the module path, JVMCI flags and exports the runtime needs; without them, touching
 * TornadoVM's API fails (or, worse, half-initialises it).
 *
 * <p>Stateless and thread-safe; the lookups are passed in so that tests can simulate any launch.
 */
final class LaunchCheck {
    /** Set by TornadoVM's argfile: the class implementing its task-graph API. */
    static final String API_PROPERTY = "tornado.load.api.implementation";
    /** Set by TornadoVM's argfile: the class implementing its runtime. */
    static final String RUNTIME_PROPERTY = "tornado.load.runtime.implementation";

    private LaunchCheck() {
    }

    /**
     * Null when the launch looks right (the device check comes next), else the reason the backend is
     * unavailable, with how to fix it.
     *
     * @param properties system property lookup, e.g. {@code System::getProperty}
     * @param environment environment variable lookup, e.g. {@code System::getenv}
     */
    static Availability check(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        boolean api = isSet(properties.apply(API_PROPERTY));
        boolean runtime = isSet(properties.apply(RUNTIME_PROPERTY));
        if (api && runtime) {
            return null;
        }
        String home = environment.apply("TORNADOVM_HOME");
        String where = isSet(home)
                ? "TORNADOVM_HOME is " + home + "; launch with java @" + home + "/tornado-argfile -cp ... (for bin/example: "
                        + "DESCENT_JAVA_OPTS=@" + home + "/tornado-argfile)"
                : "install TornadoVM (https://www.tornadovm.org), set TORNADOVM_HOME and launch with "
                        + "java @$TORNADOVM_HOME/tornado-argfile -cp ...";
        String missing = api ? RUNTIME_PROPERTY : API_PROPERTY;
        return Availability.unavailable("TornadoVM runtime not loaded (system property " + missing
                + " is not set): " + where);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
