package dev.descent.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and string writer, enough for safetensors headers and metadata values.
 * Values become {@link Map} (insertion-ordered; a repeated key is an error), {@link List}, {@link String},
 * {@link Number} (the literal text, checked against the JSON number grammar), {@link Boolean} and {@link #NULL}.
 *
 * <p>Why hand-written: see the package documentation. Its limits make it safe on hostile input: nesting deeper
 * than {@code maxDepth} is refused (no stack overflow), the input is a {@link String} whose size the caller has
 * already bounded, and every loop consumes at least one character (no hang). Stateless; thread-safe.
 */
final class Json {
    /** JSON {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number kept as its literal text, so that integers of any size are checked exactly by the caller. */
    record Number(String text) {
        boolean isNonNegativeInteger() {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A syntax error at a character offset of the parsed text. */
    static final class SyntaxException extends Exception {
        final int offset;

        SyntaxException(String message, int offset) {
            super(message);
            this.offset = offset;
        }
    }

    private final String text;
    private final int maxDepth;
    /** The message of the syntax error raised when the value limit is reached. */
    static final String TOO_MANY_VALUES = "more JSON values than the limit allows";

    private long valuesLeft;
    private int pos;

    private Json(String text, int maxDepth, long maxValues) {
        this.text = text;
        this.maxDepth = maxDepth;
        this.valuesLeft = maxValues;
    }

    /**
     * Parses one JSON value that spans all of {@code text} (surrounding whitespace allowed), refusing nesting
     * deeper than {@code maxDepth} and more than {@code maxValues} values in all (which bounds the memory the
     * parsed tree takes, whatever the text's shape).
     */
    static Object parse(String text, int maxDepth, long maxValues) throws SyntaxException {
        Json json = new Json(text, maxDepth, maxValues);
        json.skipWhitespace();
        Object value = json.value(0);
        json.skipWhitespace();
        if (json.pos != text.length()) {
            throw new SyntaxException("unexpected " + json.describeHere() + " after the JSON value", json.pos);
        }
        return value;
    }

    /** A JSON type name for error messages. */
    static String typeName(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            default -> "null";
        };
    }

    /** {@code value} as a JSON string literal, quotes included. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private Object value(int depth) throws SyntaxException {
        if (pos >= text.length()) {
            throw new SyntaxException("unexpected end of JSON, expected a value", pos);
        }
        if (--valuesLeft < 0) {
            throw new SyntaxException(TOO_MANY_VALUES, pos);
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw new SyntaxException("unexpected " + describeHere() + ", expected a value", pos);
            }
        };
    }

    private Map<String, Object> object(int depth) throws SyntaxException {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new SyntaxException("unexpected " + describeHere() + ", expected a string key", pos);
            }
            int keyOffset = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth);
            if (map.putIfAbsent(key, value) != null) {
                throw new SyntaxException("duplicate key " + quote(key), keyOffset);
            }
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw new SyntaxException("unexpected " + describeHere() + ", expected ',' or '}'", pos);
            }
        }
    }

    private List<Object> array(int depth) throws SyntaxException {
        checkDepth(depth);
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw new SyntaxException("unexpected " + describeHere() + ", expected ',' or ']'", pos);
            }
        }
    }

    private String string() throws SyntaxException {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new SyntaxException("unterminated string", start);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new SyntaxException("control character U+" + String.format("%04X", (int) c)
                        + " inside a string (it must be escaped)", pos - 1);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new SyntaxException("unterminated string", start);
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> throw new SyntaxException("invalid escape \\" + e + " in a string", pos - 2);
            }
        }
    }

    private char hex4() throws SyntaxException {
        if (pos + 4 > text.length()) {
            throw new SyntaxException("incomplete \\u escape", pos - 2);
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw new SyntaxException("invalid \\u escape", pos - 2);
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Number number() throws SyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new SyntaxException("invalid number", start);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new SyntaxException("invalid number: digits must follow '.'", start);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new SyntaxException("invalid number: digits must follow the exponent", start);
            }
            digits();
        }
        return new Number(text.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws SyntaxException {
        if (!text.startsWith(word, pos)) {
            throw new SyntaxException("unexpected " + describeHere() + ", expected a value", pos);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws SyntaxException {
        if (peek() != c) {
            throw new SyntaxException("unexpected " + describeHere() + ", expected '" + c + "'", pos);
        }
        pos++;
    }

    private void checkDepth(int depth) throws SyntaxException {
        if (depth > maxDepth) {
            throw new SyntaxException("JSON nested deeper than " + maxDepth + " levels", pos);
        }
    }

    /** The current character, or U+0000 at the end (never a valid token start, so loops stop). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "end of JSON";
        }
        char c = text.charAt(pos);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }
}
