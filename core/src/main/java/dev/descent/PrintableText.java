package dev.descent;

/**
 * Makes text taken from files safe to print in a one-line message: every character a terminal would act on
 * rather than show (C0 and C1 controls such as ESC, BEL, NUL and line breaks, Unicode format characters such as
 * the bidirectional overrides, line and paragraph separators, unassigned code points and lone surrogates) is
 * written as a visible escape ({@code \n}, {@code \t}, {@code \r}, else {@code \}{@code uXXXX}, or
 * {@code \}{@code u{XXXXX}} beyond the basic plane). A hostile CSV header or model file thus cannot retitle the
 * terminal, hide part of a message or split it into several lines. Printable text, including backslashes,
 * passes through unchanged, so escaping twice gives the same result as escaping once.
 *
 * <p>Stateless and thread-safe.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /** {@code text} with every non-printable character escaped; null stays null. */
    public static String escape(CharSequence text) {
        if (text == null) {
            return null;
        }
        String s = text.toString();
        if (s.codePoints().allMatch(PrintableText::isPrintable)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            if (isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp <= 0xFFFF) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.append(String.format("\\u{%X}", cp));
            }
        });
        return sb.toString();
    }

    /** Whether a terminal shows {@code codePoint} as a glyph or a plain space rather than acting on it. */
    public static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.UNASSIGNED, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
