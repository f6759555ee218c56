package dev.descent.io;

import dev.descent.tensor.SeededRandom;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small, seeded mutation fuzz run: random byte flips, truncations and insertions of a valid file either load or
 * fail with {@link ModelFormatException}, never another exception type. (The exhaustive fuzzing campaign is a
 * later issue; this pins the contract in every build.)
 */
class SafetensorsMutationTest {
    private static final String ALPHABET = "{}[]\",:-.0123456789 e\\";

    @Test
    void mutatedFilesLoadOrFailWithTheLibraryException() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("layer0.weight", new TensorData(new int[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6}));
        tensors.put("layer0.bias", new TensorData(new int[]{2}, new float[]{7, 8}));
        byte[] valid = Safetensors.toBytes(new SafetensorsFile(tensors, Map.of("k", "v")));
        SeededRandom random = new SeededRandom(2024);
        int loaded = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bytes = mutate(valid, random);
            try {
                Safetensors.fromBytes(bytes, "fuzz", SafetensorsLimits.DEFAULT);
                loaded++;
            } catch (ModelFormatException expected) {
                assertThat(expected.getMessage()).startsWith("fuzz: ");
            }
        }
        assertThat(loaded).isPositive(); // some mutations (inside float data) keep the file valid
    }

    private static byte[] mutate(byte[] valid, SeededRandom random) {
        byte[] bytes = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(3)) {
                case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                default -> {
                    int at = random.nextInt(bytes.length + 1);
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
            }
            if (bytes.length == 0) {
                break;
            }
        }
        return bytes;
    }
}
