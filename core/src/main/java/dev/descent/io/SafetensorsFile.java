package dev.descent.io;

import dev.descent.InvalidArgumentException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a safetensors file: named float32 tensors and the string-to-string {@code __metadata__}.
 * Tensors keep the order given (a file read back lists them in data-offset order, which is name order for files
 * descent writes); metadata is sorted by key. Both maps are unmodifiable copies; the record is immutable and
 * thread-safe.
 */
public record SafetensorsFile(Map<String, TensorData> tensors, Map<String, String> metadata) {
    /** Copies both maps (metadata sorted by key) and refuses a tensor named {@code __metadata__}. */
    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        if (tensors.containsKey(Safetensors.METADATA_KEY)) {
            throw new InvalidArgumentException("safetensors: a tensor may not be named "
                    + Safetensors.METADATA_KEY + " (reserved for metadata)");
        }
    }

    /** The tensor called {@code name}. @throws ModelFormatException naming the tensors present if absent */
    public TensorData tensor(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new ModelFormatException("no tensor named \"" + name + "\"; the file holds " + tensors.keySet());
        }
        return t;
    }

    /** The metadata value under {@code key}. @throws ModelFormatException naming the key if absent */
    public String metadataValue(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new ModelFormatException("no metadata entry \"" + key + "\"; the file has " + metadata.keySet());
        }
        return v;
    }
}
