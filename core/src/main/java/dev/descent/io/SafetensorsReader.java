package dev.descent.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates and loads one safetensors file from a channel (see {@link Safetensors} for the rules). Every size
 * and offset is checked against the limits and the channel's length before memory is allocated. One instance
 * reads one file once; not thread-safe.
 */
final class SafetensorsReader {
    private static final int CHUNK_BYTES = 1 << 16;
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");
    /** dtypes the format defines that descent does not load, so the message can say "unsupported", not "unknown". */
    private static final Set<String> OTHER_DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0",
            "I16", "U16", "F16", "BF16", "I32", "U32", "F64", "I64", "U64", "C64", "F4", "F6_E2M3", "F6_E3M2");

    private record Entry(String name, int[] shape, long begin, long end) {
    }

    private final SeekableByteChannel channel;
    private final String source;
    private final SafetensorsLimits limits;

    SafetensorsReader(SeekableByteChannel channel, String source, SafetensorsLimits limits) {
        this.channel = channel;
        this.source = source;
        this.limits = limits;
    }

    SafetensorsFile read() throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw fail("file is " + fileSize + " bytes, too short for the 8-byte header length (empty or truncated"
                    + " file?)");
        }
        ByteBuffer lengthBytes = readFully(0, 8);
        long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLength < 0 || headerLength > limits.maxHeaderBytes()) {
            throw fail("header length " + Long.toUnsignedString(headerLength) + " bytes exceeds the limit of "
                    + limits.maxHeaderBytes() + " bytes (SafetensorsLimits.maxHeaderBytes); not a safetensors file?");
        }
        if (headerLength > fileSize - 8) {
            throw fail("header length " + headerLength + " bytes is larger than the " + (fileSize - 8)
                    + " bytes that follow it (truncated file?)");
        }
        if (headerLength == 0) {
            throw fail("header length is 0; a safetensors header is a JSON object");
        }
        String header = decodeUtf8(readFully(8, (int) headerLength));
        if (header.charAt(0) != '{') {
            throw fail("byte 8: header does not start with '{' (not a safetensors file?)");
        }
        Object parsed;
        try {
            parsed = Json.parse(header, SafetensorsLimits.MAX_JSON_DEPTH, limits.maxJsonValues());
        } catch (Json.SyntaxException e) {
            long byteOffset = 8 + header.substring(0, e.offset).getBytes(StandardCharsets.UTF_8).length;
            throw fail("byte " + byteOffset + ": header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> top)) {
            throw fail("header is a JSON " + Json.typeName(parsed) + ", expected an object");
        }
        long dataSize = fileSize - 8 - headerLength;
        Map<String, String> metadata = Map.of();
        List<Entry> entries = new ArrayList<>();
        long totalBytes = 0;
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(Safetensors.METADATA_KEY)) {
                metadata = metadata(e.getValue());
                continue;
            }
            if (entries.size() == limits.maxTensors()) {
                throw fail("more than " + limits.maxTensors() + " tensors (SafetensorsLimits.maxTensors)");
            }
            Entry entry = entry(name, e.getValue(), dataSize);
            totalBytes += entry.end - entry.begin;
            if (totalBytes > limits.maxTotalBytes()) {
                throw fail("tensor data exceeds the limit of " + limits.maxTotalBytes()
                        + " bytes (SafetensorsLimits.maxTotalBytes)");
            }
            entries.add(entry);
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkCoverage(entries, dataSize);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        long dataStart = 8 + headerLength;
        for (Entry entry : entries) {
            tensors.put(entry.name, new TensorData(entry.shape, floats(dataStart + entry.begin,
                    (int) ((entry.end - entry.begin) / Float.BYTES))));
        }
        try {
            return new SafetensorsFile(tensors, metadata);
        } catch (RuntimeException ex) {
            throw fail(ex.getMessage());
        }
    }

    private Map<String, String> metadata(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw fail("header: " + Safetensors.METADATA_KEY + " is a JSON " + Json.typeName(value)
                    + ", expected an object of string to string");
        }
        if (map.size() > limits.maxMetadataEntries()) {
            throw fail("header: " + Safetensors.METADATA_KEY + " has " + map.size() + " entries, more than the limit"
                    + " of " + limits.maxMetadataEntries() + " (SafetensorsLimits.maxMetadataEntries)");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw fail("header: " + Safetensors.METADATA_KEY + " entry " + Json.quote((String) e.getKey())
                        + " is a JSON " + Json.typeName(e.getValue()) + ", expected a string");
            }
            result.put((String) e.getKey(), s);
        }
        return result;
    }

    private Entry entry(String name, Object value, long dataSize) {
        String where = "header: tensor " + Json.quote(name) + ": ";
        if (!(value instanceof Map<?, ?> map)) {
            throw fail(where + "entry is a JSON " + Json.typeName(value)
                    + ", expected an object with dtype, shape and data_offsets");
        }
        for (Object key : map.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw fail(where + "unknown key " + Json.quote((String) key)
                        + " (expected dtype, shape and data_offsets)");
            }
        }
        for (String key : List.of("dtype", "shape", "data_offsets")) {
            if (!map.containsKey(key)) {
                throw fail(where + "missing \"" + key + "\"");
            }
        }
        if (!(map.get("dtype") instanceof String dtype)) {
            throw fail(where + "dtype is a JSON " + Json.typeName(map.get("dtype")) + ", expected a string");
        }
        if (!dtype.equals("F32")) {
            throw fail(where + (OTHER_DTYPES.contains(dtype) ? "dtype " + dtype + " is not supported"
                    : "unknown dtype " + Json.quote(dtype)) + ": descent reads F32 tensors only"
                    + " (in PyTorch, save tensor.float())");
        }
        if (!(map.get("shape") instanceof List<?> dims)) {
            throw fail(where + "shape is a JSON " + Json.typeName(map.get("shape")) + ", expected an array");
        }
        if (dims.size() > limits.maxRank()) {
            throw fail(where + "rank " + dims.size() + " exceeds the limit of " + limits.maxRank()
                    + " (SafetensorsLimits.maxRank)");
        }
        int[] shape = new int[dims.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = integer(dims.get(i), where + "shape[" + i + "]");
            if (d > Integer.MAX_VALUE) {
                throw fail(where + "shape[" + i + "] = " + d + " exceeds " + Integer.MAX_VALUE);
            }
            shape[i] = (int) d;
            elements *= d;
            if (elements > Integer.MAX_VALUE) {
                throw fail(where + "shape " + Arrays.toString(shape) + " has more than " + Integer.MAX_VALUE
                        + " elements");
            }
        }
        if (!(map.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2) {
            throw fail(where + "data_offsets must be an array of two integers [begin, end]");
        }
        long begin = integer(offsets.get(0), where + "data_offsets[0]");
        long end = integer(offsets.get(1), where + "data_offsets[1]");
        if (begin > end) {
            throw fail(where + "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        if (end > dataSize) {
            throw fail(where + "data_offsets [" + begin + ", " + end + "] end beyond the data area of " + dataSize
                    + " bytes (truncated file?)");
        }
        long expected = elements * Float.BYTES;
        if (end - begin != expected) {
            throw fail(where + "shape " + Arrays.toString(shape) + " needs " + expected + " bytes of F32 data but"
                    + " data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new Entry(name, shape, begin, end);
    }

    private long integer(Object value, String what) {
        if (!(value instanceof Json.Number n) || !n.isNonNegativeInteger()) {
            throw fail(what + " must be a non-negative integer, got " + (value instanceof Json.Number n2 ? n2.text()
                    : "a JSON " + Json.typeName(value)));
        }
        String text = n.text();
        if (text.length() > 18) {
            throw fail(what + " = " + text + " is too large");
        }
        return Long.parseLong(text);
    }

    /** Tensors sorted by offsets must tile the data area exactly: no overlap, no gap, nothing left over. */
    private void checkCoverage(List<Entry> entries, long dataSize) {
        long covered = 0;
        String previous = null;
        for (Entry e : entries) {
            if (e.begin < covered) {
                throw fail("header: tensors " + Json.quote(previous) + " and " + Json.quote(e.name)
                        + " overlap in the data area (bytes " + e.begin + " to " + covered + ")");
            }
            if (e.begin > covered) {
                throw fail("header: bytes " + covered + " to " + e.begin + " of the data area belong to no tensor"
                        + " (before " + Json.quote(e.name) + ")");
            }
            covered = e.end;
            previous = e.name;
        }
        if (covered != dataSize) {
            throw fail("the data area has " + dataSize + " bytes but the tensors cover only " + covered
                    + " (trailing bytes after the last tensor)");
        }
    }

    private float[] floats(long position, int count) throws IOException {
        float[] values = new float[count];
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(CHUNK_BYTES, count * Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        int done = 0;
        while (done < count) {
            chunk.clear();
            chunk.limit(Math.min(chunk.capacity(), (count - done) * Float.BYTES));
            fill(chunk, position + (long) done * Float.BYTES);
            chunk.flip();
            while (chunk.remaining() >= Float.BYTES) {
                values[done++] = Float.intBitsToFloat(chunk.getInt());
            }
        }
        return values;
    }

    private ByteBuffer readFully(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        fill(buffer, position);
        return buffer.flip();
    }

    private void fill(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw fail("byte " + (position + buffer.position()) + ": unexpected end of file (truncated while"
                        + " reading?)");
            }
        }
    }

    private String decodeUtf8(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            throw fail("byte " + (8 + bytes.position()) + ": header is not valid UTF-8");
        }
        decoder.flush(chars);
        return chars.flip().toString();
    }

    private ModelFormatException fail(String message) {
        return new ModelFormatException(source + ": " + message);
    }
}
