package dev.descent.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every kernel uses, in {@code static final} fields so that C2 treats them as constants (a
 * non-constant species defeats the intrinsics and boxes every vector).
 *
 * <p>{@link #SPECIES} is {@link FloatVector#SPECIES_PREFERRED}: 512-bit (16 lanes) on AVX-512 machines, 256-bit on
 * AVX2. Initialising this class is the first link to {@code jdk.incubator.vector}.
 */
final class VectorShapes {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Float lanes per vector. */
    static final int LANES = SPECIES.length();

    private VectorShapes() {
    }

    /** e.g. {@code "512-bit vectors (16 float lanes)"}. */
    static String describe() {
        return SPECIES.vectorBitSize() + "-bit vectors (" + LANES + " float lanes)";
    }
}
