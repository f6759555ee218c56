package dev.descent.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Locale;

/**
 * The register tile of the GEMM micro-kernel ({@code ROWS} rows of C by {@code VECTORS} vectors of columns) and
 * the vector species it runs on, chosen once per JVM from the CPU so that the accumulators, the B vectors and the
 * A broadcast fit the vector register file without spilling.
 *
 * <h2>Choice</h2>
 * A tile needs {@code ROWS·VECTORS + VECTORS + 1} vector registers. The register count follows the architecture:
 * 32 on x86 with 512-bit preferred vectors (AVX-512) and on AArch64, 16 otherwise (AVX2-class x86). The largest
 * tile that fits is taken: 8x2 (16 accumulators, 19 registers) with 32 registers, 6x2 (12 accumulators, 15
 * registers) with 16. The 4x3 tile (12 accumulators, 16 registers) is available by property.
 *
 * <h2>Forcing a variant</h2>
 * System property {@value #PROPERTY} = {@code ROWSxVECTORS[@BITS]}, e.g. {@code 6x2} or {@code 6x2@256}: one of
 * {@code 8x2}, {@code 6x2}, {@code 4x3}, optionally on a vector width narrower than the preferred one (for
 * tests, and to run the AVX2-class variants on an AVX-512 machine). A malformed or unsupported value fails the
 * first GEMM with one line naming the property and the accepted values; it is never ignored, so that a bench run
 * never measures a variant other than the one it names.
 *
 * <p>The tile changes only which elements of C one kernel call computes: every element is the same float FMA chain
 * whatever the tile, so all variants give the same bits.
 */
final class GemmTile {
    /** The system property that forces a tile. */
    static final String PROPERTY = "descent.vector.gemm.tile";

    /** One tile shape on one species. */
    record Choice(int rows, int vectors, VectorSpecies<Float> species) {
        /** e.g. {@code "6x2@256"}. */
        String name() {
            return rows + "x" + vectors + "@" + species.vectorBitSize();
        }

        /** Vector registers the micro-kernel keeps live. */
        int registers() {
            return rows * vectors + vectors + 1;
        }
    }

    private static final Choice CHOICE = choose(System.getProperty(PROPERTY), FloatVector.SPECIES_PREFERRED,
            vectorRegisters(System.getProperty("os.arch", ""), FloatVector.SPECIES_PREFERRED.vectorBitSize()));

    /** The species of the GEMM's packing and micro-kernel. */
    static final VectorSpecies<Float> SPECIES = CHOICE.species();
    /** Rows of the micro-kernel. */
    static final int ROWS = CHOICE.rows();
    /** Vectors of columns of the micro-kernel. */
    static final int VECTORS = CHOICE.vectors();

    private GemmTile() {
    }

    /** The tile this JVM uses, e.g. {@code "8x2@512"}. */
    static String name() {
        return CHOICE.name();
    }

    /** Vector registers of the CPU for the given architecture and preferred vector width. */
    static int vectorRegisters(String arch, int preferredBits) {
        String a = arch.toLowerCase(Locale.ROOT);
        if (a.equals("aarch64") || a.equals("arm64")) {
            return 32;
        }
        return preferredBits >= 512 ? 32 : 16;
    }

    /**
     * The tile for a forced value (null: automatic), the preferred species and the register count.
     *
     * @throws IllegalArgumentException naming {@link #PROPERTY} when {@code forced} is malformed or unsupported
     */
    static Choice choose(String forced, VectorSpecies<Float> preferred, int registers) {
        if (forced == null || forced.isBlank()) {
            return registers >= 32 ? new Choice(8, 2, preferred) : new Choice(6, 2, preferred);
        }
        String value = forced.strip().toLowerCase(Locale.ROOT);
        String shape = value;
        VectorSpecies<Float> species = preferred;
        int at = value.indexOf('@');
        if (at >= 0) {
            shape = value.substring(0, at);
            species = species(value.substring(at + 1), preferred, forced);
        }
        return switch (shape) {
            case "8x2" -> new Choice(8, 2, species);
            case "6x2" -> new Choice(6, 2, species);
            case "4x3" -> new Choice(4, 3, species);
            default -> throw bad(forced);
        };
    }

    private static VectorSpecies<Float> species(String bits, VectorSpecies<Float> preferred, String forced) {
        VectorSpecies<Float> s = switch (bits) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw bad(forced);
        };
        if (s.vectorBitSize() > preferred.vectorBitSize()) {
            throw new IllegalArgumentException(PROPERTY + "=" + forced + ": this CPU's widest vectors are "
                    + preferred.vectorBitSize() + " bits");
        }
        return s;
    }

    private static IllegalArgumentException bad(String forced) {
        return new IllegalArgumentException(PROPERTY + "=" + forced
                + ": expected 8x2, 6x2 or 4x3, optionally followed by @128, @256 or @512 (e.g. 6x2@256)");
    }
}
