package dev.descent.io;

import dev.descent.InvalidArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes numbers and lists as the strings that safetensors {@code __metadata__} holds, and decodes them with
 * errors that name the entry. Lists are JSON arrays ({@code [1.5,-0.25]}, {@code ["x1","x2"]}) so that Python
 * users read them with {@code json.loads}; numbers use Java's shortest exact decimal form, so a
 * {@code double} survives the round trip bit for bit. Stateless; thread-safe.
 */
public final class MetadataValues {
    private static final int MAX_DEPTH = 2;

    private MetadataValues() {
    }

    /** {@code values} as a JSON array of numbers. @throws InvalidArgumentException for NaN or infinity */
    public static String encodeDoubles(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidArgumentException("metadata: value " + values[i] + " at index " + i
                        + " is not finite; JSON numbers must be finite");
            }
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        return sb.append(']').toString();
    }

    /** {@code values} as a JSON array of strings. */
    public static String encodeStrings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(Json.quote(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** The JSON array of numbers in {@code value}. @throws ModelFormatException naming {@code key} */
    public static double[] decodeDoubles(String value, String key) {
        return decodeDoubles(value, key, Integer.MAX_VALUE - 1);
    }

    /**
     * The JSON array of numbers in {@code value}, which must hold exactly {@code expected} elements. Parsing stops
     * as soon as the array holds more, so a huge array in a small file costs no more memory than the expected one.
     *
     * @throws ModelFormatException naming {@code key} and both counts
     */
    public static double[] decodeDoubles(String value, String key, int expected) {
        List<?> list = array(value, key, expected);
        double[] result = new double[list.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(list.get(i) instanceof Json.Number n)) {
                throw bad(key, "element " + i + " is a JSON " + Json.typeName(list.get(i)) + ", expected a number");
            }
            result[i] = Double.parseDouble(n.text()); // the grammar was checked; overflow gives infinity
            if (!Double.isFinite(result[i])) {
                throw bad(key, "element " + i + " (" + n.text() + ") is out of range");
            }
        }
        return result;
    }

    /** The JSON array of strings in {@code value}. @throws ModelFormatException naming {@code key} */
    public static List<String> decodeStrings(String value, String key) {
        return decodeStrings(value, key, Integer.MAX_VALUE - 1);
    }

    /**
     * The JSON array of strings in {@code value}, which must hold exactly {@code expected} elements; parsing stops
     * as soon as it holds more (see {@link #decodeDoubles(String, String, int)}).
     *
     * @throws ModelFormatException naming {@code key} and both counts
     */
    public static List<String> decodeStrings(String value, String key, int expected) {
        List<?> list = array(value, key, expected);
        List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw bad(key, "element " + i + " is a JSON " + Json.typeName(list.get(i)) + ", expected a string");
            }
            result.add(s);
        }
        return List.copyOf(result);
    }

    /** The decimal integer in {@code value}. @throws ModelFormatException naming {@code key} */
    public static long decodeLong(String value, String key) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(key, Json.quote(value) + " is not a decimal integer");
        }
    }

    /** The value under {@code key} of {@code metadata}. @throws ModelFormatException naming the key if absent */
    public static String require(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new ModelFormatException("metadata entry \"" + key + "\" is missing");
        }
        return value;
    }

    private static List<?> array(String value, String key, int expected) {
        boolean exact = expected < Integer.MAX_VALUE - 1;
        // The array itself is one value; one element more than expected is enough to report a count mismatch.
        long maxValues = exact ? expected + 2L : value.length() + 1L;
        Object parsed;
        try {
            parsed = Json.parse(value, MAX_DEPTH, maxValues);
        } catch (Json.SyntaxException e) {
            if (exact && e.getMessage().startsWith(Json.TOO_MANY_VALUES)) {
                throw bad(key, "holds more than the " + expected + " elements the model's tensors call for");
            }
            throw bad(key, "not valid JSON at character " + e.offset + ": " + e.getMessage());
        }
        if (!(parsed instanceof List<?> list)) {
            throw bad(key, "is a JSON " + Json.typeName(parsed) + ", expected an array");
        }
        if (exact && list.size() != expected) {
            throw bad(key, "holds " + list.size() + " elements but the model's tensors call for " + expected);
        }
        return list;
    }

    private static ModelFormatException bad(String key, String message) {
        return new ModelFormatException("metadata entry \"" + key + "\": " + message);
    }
}
