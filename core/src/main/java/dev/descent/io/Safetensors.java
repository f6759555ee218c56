package dev.descent.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Reads and writes model files in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, so that PyTorch ({@code safetensors.torch.load_file}) and NumPy users can open them.
 *
 * <h2>Layout</h2>
 * An unsigned 64-bit little-endian header length {@code N}; {@code N} bytes of UTF-8 JSON, padded with spaces to
 * a multiple of 8 as the reference implementation does; then the raw tensor data. The header maps each tensor
 * name to {@code {"dtype":"F32","shape":[...],"data_offsets":[begin,end]}} with offsets relative to the first
 * byte after the header, and may hold {@code "__metadata__"}, an object of string to string. Data is
 * little-endian float32, row-major. Descent writes tensors in name order, packed back to back from offset 0, and
 * the metadata keys sorted, so equal content always gives identical bytes.
 *
 * <h2>Reading validates everything</h2>
 * The header length (at most {@link SafetensorsLimits#maxHeaderBytes()} and within the file), strict UTF-8 and
 * JSON, every entry's keys and types, the dtype (only {@code F32} is supported), the rank, that
 * {@code end - begin} equals the shape's element count times 4, that offsets lie inside the data area, that
 * tensors neither overlap nor leave gaps and together cover the data area exactly (as the reference requires),
 * and the tensor count and total size limits. All of this is checked before any tensor memory is allocated.
 * Every failure is a {@link ModelFormatException} naming the file and the entry or byte offset; no other
 * exception type escapes. No Java serialization is involved anywhere.
 *
 * <p>Thread-safety: stateless; concurrent calls are safe (writes of one path race as in {@link AtomicFiles}).
 */
public final class Safetensors {
    /** The header key that holds the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private Safetensors() {
    }

    /** Atomically writes {@code tensors} and {@code metadata} to {@code file} (see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) {
        write(file, new SafetensorsFile(tensors, metadata));
    }

    /** Atomically writes {@code content} to {@code file} (see {@link AtomicFiles}). */
    public static void write(Path file, SafetensorsFile content) {
        AtomicFiles.write(file, out -> SafetensorsWriter.write(content, out));
    }

    /** Writes {@code content} in the safetensors format to {@code out} (which is not closed). */
    public static void writeTo(OutputStream out, SafetensorsFile content) throws IOException {
        SafetensorsWriter.write(content, out);
    }

    /** The safetensors bytes of {@code content}. */
    public static byte[] toBytes(SafetensorsFile content) {
        return SafetensorsWriter.toBytes(content);
    }

    /** Reads {@code file} with the {@link SafetensorsLimits#DEFAULT default limits}. */
    public static SafetensorsFile read(Path file) {
        return read(file, SafetensorsLimits.DEFAULT);
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws ModelFormatException if the file is missing, unreadable, invalid or exceeds {@code limits}
     */
    public static SafetensorsFile read(Path file, SafetensorsLimits limits) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(source + ": is a directory, not a safetensors file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new SafetensorsReader(channel, source, limits).read();
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(source + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new ModelFormatException(source + ": permission denied", e);
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates safetensors {@code bytes} held in memory; {@code source} names them in messages.
     *
     * @throws ModelFormatException if the bytes are invalid or exceed {@code limits}
     */
    public static SafetensorsFile fromBytes(byte[] bytes, String source, SafetensorsLimits limits) {
        try {
            return new SafetensorsReader(new ByteArrayChannel(bytes), source, limits).read();
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
    }
}
