package dev.descent.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link SafetensorsFile} the way the reference implementation does: tensors sorted by name (UTF-8
 * byte order) and packed from offset 0, {@code __metadata__} first (omitted when empty), header padded with
 * spaces to a multiple of 8 bytes. Stateless.
 */
final class SafetensorsWriter {
    private static final int CHUNK_FLOATS = 16_384;

    private SafetensorsWriter() {
    }

    static byte[] toBytes(SafetensorsFile content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(content, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    static void write(SafetensorsFile content, OutputStream out) throws IOException {
        List<String> names = new ArrayList<>(content.tensors().keySet());
        names.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        byte[] header = header(content, names);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(length.array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (String name : names) {
            float[] values = content.tensors().get(name).valuesView();
            for (int start = 0; start < values.length; start += CHUNK_FLOATS) {
                int end = Math.min(values.length, start + CHUNK_FLOATS);
                chunk.clear();
                for (int i = start; i < end; i++) {
                    chunk.putInt(Float.floatToRawIntBits(values[i]));
                }
                out.write(chunk.array(), 0, chunk.position());
            }
        }
    }

    private static byte[] header(SafetensorsFile content, List<String> names) {
        StringBuilder json = new StringBuilder("{");
        if (!content.metadata().isEmpty()) {
            json.append(Json.quote(Safetensors.METADATA_KEY)).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : content.metadata().entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                json.append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
            }
            json.append('}');
        }
        long offset = 0;
        for (String name : names) {
            TensorData t = content.tensors().get(name);
            long end = offset + (long) t.size() * Float.BYTES;
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(Json.quote(name)).append(":{\"dtype\":\"F32\",\"shape\":[");
            int[] shape = t.shapeView();
            for (int i = 0; i < shape.length; i++) {
                json.append(i == 0 ? "" : ",").append(shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] utf8 = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (utf8.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(utf8, padded);
        Arrays.fill(header, utf8.length, padded, (byte) ' ');
        return header;
    }
}
