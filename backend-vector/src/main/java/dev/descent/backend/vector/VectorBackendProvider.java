package dev.descent.backend.vector;

import dev.descent.spi.Availability;
import dev.descent.spi.Backend;
import dev.descent.spi.BackendProvider;

/**
 * Registers the {@code vector} backend. Priority {@value #PRIORITY}, above {@code scalar} (0).
 *
 * <p>This class deliberately never names a {@code jdk.incubator.vector} type: the JVM only resolves that module
 * when started with {@code --add-modules jdk.incubator.vector} (or from the module path), and linking one of its
 * classes otherwise throws {@link NoClassDefFoundError}. {@link #probe()} asks the boot layer whether the module
 * is present and only then loads {@link VectorBackend}, which is the first class to use {@code FloatVector}.
 *
 * <p>Stateless and thread-safe.
 */
public final class VectorBackendProvider implements BackendProvider {
    /** The name users select this backend with. */
    public static final String NAME = "vector";
    /** Automatic selection prefers this backend to {@code scalar} (priority 0). */
    public static final int PRIORITY = 100;
    /** The JVM option that makes the backend available; quoted verbatim in the unavailable reason. */
    public static final String FIX = "--add-modules jdk.incubator.vector";

    private static final String MODULE = "jdk.incubator.vector";

    public VectorBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability probe() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return Availability.unavailable("the JVM was started without the incubator module " + MODULE
                    + "; start it with " + FIX);
        }
        try {
            // First use of VectorShapes initialises it, which links FloatVector: here a LinkageError can still
            // be turned into a reason. VectorShapes.describe() returns a String, so verifying this class never
            // needs an incubator type.
            return Availability.available(VectorShapes.describe() + ", " + Threads.configured() + " threads");
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("the Vector API failed to initialise (" + e + "); start the JVM with "
                    + FIX);
        }
    }

    @Override
    public String device() {
        return "cpu, " + Threads.configured() + " threads";
    }

    @Override
    public Backend create() {
        return new VectorBackend();
    }
}
