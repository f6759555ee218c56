package dev.descent.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static final SafetensorsLimits LIMITS = SafetensorsLimits.DEFAULT;

    /** A file built by hand from the format description, byte by byte. */
    private static byte[] goldenLinearModel() {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[4,12]}}";
        assertThat(header.length()).isEqualTo(149); // padded with 3 spaces to 152 = 0x98
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x98, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes((header + "   ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[]{0, 0, 0, 0x3F});                  // bias 0.5f = 0x3F000000
        out.writeBytes(new byte[]{0, 0, (byte) 0x80, 0x3F});        // weight 1.0f = 0x3F800000
        out.writeBytes(new byte[]{0, 0, 0, (byte) 0xC0});           // weight -2.0f = 0xC0000000
        return out.toByteArray();
    }

    private static SafetensorsFile linearModel() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("weight", new TensorData(new int[]{1, 2}, new float[]{1f, -2f}));
        tensors.put("bias", new TensorData(new int[]{1}, new float[]{0.5f}));
        return new SafetensorsFile(tensors, Map.of("format", "pt"));
    }

    @Test
    void writesExactlyTheBytesOfTheHandBuiltFile() {
        assertThat(Safetensors.toBytes(linearModel())).isEqualTo(goldenLinearModel());
    }

    @Test
    void readsTheHandBuiltFile() {
        SafetensorsFile f = Safetensors.fromBytes(goldenLinearModel(), "golden", LIMITS);
        assertThat(f.tensors().keySet()).containsExactly("bias", "weight");
        assertThat(f.tensor("weight").shape()).containsExactly(1, 2);
        assertThat(f.tensor("weight").values()).containsExactly(1f, -2f);
        assertThat(f.tensor("bias").values()).containsExactly(0.5f);
        assertThat(f.metadata()).containsExactlyEntriesOf(Map.of("format", "pt"));
    }

    @Test
    void roundTripsThroughAFileBitForBit() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        float[] big = new float[50_000]; // more than one write/read chunk
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i) * 1e3f;
        }
        tensors.put("layer0.weight", new TensorData(new int[]{250, 200}, big));
        tensors.put("layer0.bias", new TensorData(new int[]{3}, new float[]{
                Float.intBitsToFloat(0x7FC00123), -0f, Float.MIN_VALUE}));
        tensors.put("scalar", new TensorData(new int[0], new float[]{42f}));
        tensors.put("empty", new TensorData(new int[]{0, 5}, new float[0]));
        tensors.put("ünïcode \"name\"\n", new TensorData(new int[]{1}, new float[]{1f}));
        Map<String, String> metadata = Map.of("model", "{\"kind\":\"mlp\"}", "note", "tab\there, quote \" é");
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, tensors, metadata);
        SafetensorsFile back = Safetensors.read(file);
        assertThat(back.tensors()).isEqualTo(tensors);
        assertThat(back.metadata()).isEqualTo(metadata);
        assertThat(Float.floatToRawIntBits(back.tensor("layer0.bias").values()[0])).isEqualTo(0x7FC00123);
        byte[] bytes = Safetensors.toBytes(back);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong() % 8).isZero();
    }

    @Test
    void emptyFileHasNoTensors() {
        byte[] bytes = Safetensors.toBytes(new SafetensorsFile(Map.of(), Map.of()));
        assertThat(bytes).hasSize(16); // "{}" padded to 8
        assertThat(Safetensors.fromBytes(bytes, "x", LIMITS).tensors()).isEmpty();
    }

    // ---- rejection of bad files ---------------------------------------------------------------------------

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    private static void assertRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> Safetensors.fromBytes(bytes, "bad.safetensors", LIMITS))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("bad.safetensors: " + message);
    }

    @Test
    void rejectsTruncatedFiles() {
        byte[] good = goldenLinearModel();
        assertRejected(new byte[0], "file is 0 bytes, too short for the 8-byte header length (empty or truncated"
                + " file?)");
        assertRejected(Arrays.copyOf(good, 5), "file is 5 bytes, too short for the 8-byte header length (empty or"
                + " truncated file?)");
        assertRejected(Arrays.copyOf(good, 100), "header length 152 bytes is larger than the 92 bytes that follow"
                + " it (truncated file?)");
        assertRejected(Arrays.copyOf(good, good.length - 1), "header: tensor \"weight\": data_offsets [4, 12] end"
                + " beyond the data area of 11 bytes (truncated file?)");
    }

    @Test
    void rejectsAHugeClaimedHeaderWithoutAllocatingIt() {
        byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        assertRejected(bytes, "header length 1099511627776 bytes exceeds the limit of 100000000 bytes"
                + " (SafetensorsLimits.maxHeaderBytes); not a safetensors file?");
        byte[] negative = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        assertRejected(negative, "header length 18446744073709551615 bytes exceeds the limit of 100000000 bytes"
                + " (SafetensorsLimits.maxHeaderBytes); not a safetensors file?");
    }

    @Test
    void rejectsATinyFileClaimingAHugeTensor() {
        String header = "{" + entry("w", "F32", "[65536,65536]", 0, 17179869184L) + "}";
        assertRejected(file(header, 4), "header: tensor \"w\": shape [65536, 65536] has more than 2147483647"
                + " elements");
        String header2 = "{" + entry("w", "F32", "[1000000]", 0, 4000000) + "}";
        assertRejected(file(header2, 4), "header: tensor \"w\": data_offsets [0, 4000000] end beyond the data area"
                + " of 4 bytes (truncated file?)");
    }

    @Test
    void rejectsOffsetsOutsideTheDataArea() {
        String header = "{" + entry("a", "F32", "[1]", 4, 8) + "}";
        assertRejected(file(header, 4), "header: tensor \"a\": data_offsets [4, 8] end beyond the data area of 4"
                + " bytes (truncated file?)");
        String reversed = "{" + entry("a", "F32", "[0]", 8, 4) + "}";
        assertRejected(file(reversed, 8), "header: tensor \"a\": data_offsets [8, 4] end before they begin");
    }

    @Test
    void rejectsOverlappingTensors() {
        String header = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}";
        assertRejected(file(header, 12), "header: tensors \"a\" and \"b\" overlap in the data area (bytes 4 to 8)");
    }

    @Test
    void rejectsGapsAndTrailingBytes() {
        String gap = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
        assertRejected(file(gap, 12), "header: bytes 4 to 8 of the data area belong to no tensor (before \"b\")");
        String trailing = "{" + entry("a", "F32", "[1]", 0, 4) + "}";
        assertRejected(file(trailing, 8), "the data area has 8 bytes but the tensors cover only 4 (trailing bytes"
                + " after the last tensor)");
    }

    @Test
    void rejectsUnsupportedAndUnknownDtypes() {
        assertRejected(file("{" + entry("w", "F64", "[1]", 0, 8) + "}", 8), "header: tensor \"w\": dtype F64 is not"
                + " supported: descent reads F32 tensors only (in PyTorch, save tensor.float())");
        assertRejected(file("{" + entry("w", "F33", "[1]", 0, 4) + "}", 4), "header: tensor \"w\": unknown dtype"
                + " \"F33\": descent reads F32 tensors only (in PyTorch, save tensor.float())");
    }

    @Test
    void rejectsShapeAndOffsetSizeMismatch() {
        assertRejected(file("{" + entry("w", "F32", "[2,3]", 0, 20) + "}", 20), "header: tensor \"w\": shape [2, 3]"
                + " needs 24 bytes of F32 data but data_offsets [0, 20] span 20");
    }

    @Test
    void rejectsNonJsonHeaders() {
        assertRejected(file("not json", 0), "byte 8: header does not start with '{' (not a safetensors file?)");
        assertRejected(file("{\"a\":}", 0), "byte 13: header is not valid JSON: unexpected '}', expected a value");
        assertRejected(file("{\"a\":1} x", 0), "byte 16: header is not valid JSON: unexpected 'x' after the JSON"
                + " value");
        assertRejected(file("{\"a\":1,\"a\":2}", 0), "byte 15: header is not valid JSON: duplicate key \"a\"");
        assertRejected(file("{\"a\":[[[[[1]]]]]}", 0), "byte 16: header is not valid JSON: JSON nested deeper than"
                + " 4 levels");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = file("{\"\u00e9\":1}", 0);
        bytes[10] = (byte) 0xFF;
        assertRejected(bytes, "byte 10: header is not valid UTF-8");
    }

    @Test
    void rejectsMalformedEntries() {
        assertRejected(file("{\"w\":1}", 0), "header: tensor \"w\": entry is a JSON number, expected an object with"
                + " dtype, shape and data_offsets");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 0), "header: tensor \"w\": missing"
                + " \"data_offsets\"");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4),
                "header: tensor \"w\": unknown key \"x\" (expected dtype, shape and data_offsets)");
        assertRejected(file("{" + entry("w", "F32", "[-1]", 0, 4) + "}", 4), "header: tensor \"w\": shape[0] must"
                + " be a non-negative integer, got -1");
        assertRejected(file("{" + entry("w", "F32", "[1.5]", 0, 4) + "}", 4), "header: tensor \"w\": shape[0] must"
                + " be a non-negative integer, got 1.5");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4), "header: tensor"
                + " \"w\": data_offsets must be an array of two integers [begin, end]");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}}",
                4), "header: tensor \"w\": data_offsets[1] = 99999999999999999999 is too large");
        assertRejected(file("{\"__metadata__\":{\"k\":1}}", 0), "header: __metadata__ entry \"k\" is a JSON number,"
                + " expected a string");
        assertRejected(file("[1]", 0), "byte 8: header does not start with '{' (not a safetensors file?)");
    }

    @Test
    void enforcesCountLimits() {
        String header = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 4, 8) + "}";
        assertThatThrownBy(() -> Safetensors.fromBytes(file(header, 8), "f", LIMITS.withMaxTensors(1)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("f: more than 1 tensors (SafetensorsLimits.maxTensors)");
        assertThatThrownBy(() -> Safetensors.fromBytes(file(header, 8), "f", LIMITS.withMaxTotalBytes(4)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("f: tensor data exceeds the limit of 4 bytes (SafetensorsLimits.maxTotalBytes)");
        String rank3 = "{" + entry("a", "F32", "[1,1,1]", 0, 4) + "}";
        assertThatThrownBy(() -> Safetensors.fromBytes(file(rank3, 4), "f", LIMITS.withMaxRank(2)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("f: header: tensor \"a\": rank 3 exceeds the limit of 2 (SafetensorsLimits.maxRank)");
        String many = "{\"a\":[" + "0,".repeat(1000) + "0]}";
        assertThatThrownBy(() -> Safetensors.fromBytes(file(many, 0), "f", LIMITS.withMaxTensors(2).withMaxRank(2)
                .withMaxMetadataEntries(1)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("more JSON values than the limit allows");
    }

    @Test
    void missingFileAndDirectory() {
        Path absent = dir.resolve("absent.safetensors");
        assertThatThrownBy(() -> Safetensors.read(absent))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(absent + ": file not found");
        assertThatThrownBy(() -> Safetensors.read(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(dir + ": is a directory, not a safetensors file");
    }

    @Test
    void everyTruncationOfAValidFileFailsCleanly() throws IOException {
        byte[] good = goldenLinearModel();
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> Safetensors.fromBytes(cut, "cut", LIMITS))
                    .isInstanceOf(ModelFormatException.class);
        }
        Path file = dir.resolve("golden.safetensors");
        Files.write(file, good);
        assertThat(Safetensors.read(file).tensors()).hasSize(2);
    }
}
