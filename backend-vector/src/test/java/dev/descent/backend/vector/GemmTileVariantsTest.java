package dev.descent.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GEMM micro-kernel's tile choice ({@link GemmTile}) and every tile variant on every vector width this CPU
 * runs, each in its own JVM (the tile is a class-initialisation constant): {@link GemmVariantCheck} must pass and
 * all variants must give the same bits.
 */
class GemmTileVariantsTest {
    private static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;

    @Test
    void automaticChoiceFollowsTheRegisterFile() {
        assertThat(GemmTile.vectorRegisters("amd64", 512)).isEqualTo(32);
        assertThat(GemmTile.vectorRegisters("amd64", 256)).isEqualTo(16);
        assertThat(GemmTile.vectorRegisters("aarch64", 128)).isEqualTo(32);
        assertThat(GemmTile.choose(null, PREFERRED, 32).name()).isEqualTo("8x2@" + PREFERRED.vectorBitSize());
        assertThat(GemmTile.choose("", PREFERRED, 16).name()).isEqualTo("6x2@" + PREFERRED.vectorBitSize());
        for (int registers : new int[] {16, 32}) {
            assertThat(GemmTile.choose(null, PREFERRED, registers).registers()).isLessThanOrEqualTo(registers);
        }
        assertThat(GemmTile.choose("4x3", PREFERRED, 32).registers()).isEqualTo(16);
    }

    @Test
    void forcedValuesAreParsedOrRefusedInOneLine() {
        assertThat(GemmTile.choose(" 6X2@128 ", PREFERRED, 32).name()).isEqualTo("6x2@128");
        assertThat(GemmTile.choose("4x3", PREFERRED, 32).name()).isEqualTo("4x3@" + PREFERRED.vectorBitSize());
        for (String bad : new String[] {"8x3", "6x2@", "6x2@200", "x", "8x2@256@256"}) {
            assertThatThrownBy(() -> GemmTile.choose(bad, PREFERRED, 32)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(GemmTile.PROPERTY + "=" + bad + ": ")
                    .hasMessageNotContaining("\n");
        }
        if (PREFERRED.vectorBitSize() < 512) {
            assertThatThrownBy(() -> GemmTile.choose("8x2@512", PREFERRED, 32))
                    .hasMessageContaining("widest vectors are " + PREFERRED.vectorBitSize() + " bits");
        }
    }

    @Test
    void everyVariantMatchesItsDefinitionAndTheOthersBitForBit() throws IOException, InterruptedException {
        List<String> variants = new ArrayList<>();
        for (int bits = PREFERRED.vectorBitSize(); bits >= 128; bits /= 2) {
            for (String shape : new String[] {"8x2", "6x2", "4x3"}) {
                if (bits == PREFERRED.vectorBitSize() || bits == 256 || shape.equals("8x2")) {
                    variants.add(shape + "@" + bits);
                }
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> digests = new LinkedHashMap<>();
        for (String variant : variants) {
            List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector",
                    "-D" + GemmTile.PROPERTY + "=" + variant, "-cp", System.getProperty("java.class.path"),
                    GemmVariantCheck.class.getName());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(variant).isTrue();
            assertThat(process.exitValue()).as(variant + ": " + output).isZero();
            assertThat(output).as(output).contains("tile=" + variant).contains("\nok");
            String digest = output.lines().filter(l -> l.startsWith("digest=")).findFirst().orElseThrow();
            digests.put(variant, digest);
        }
        assertThat(digests.values().stream().distinct().count()).as(digests.toString()).isEqualTo(1);
    }
}
