package dev.descent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTextTest {
    @Test
    void controlAndFormatCharactersAreEscapedVisibly() {
        assertThat(PrintableText.escape("x\u001b]0;pwned\u0007,y")).isEqualTo("x\\u001B]0;pwned\\u0007,y");
        assertThat(PrintableText.escape("a\nb\tc\rd\u0000")).isEqualTo("a\\nb\\tc\\rd\\u0000");
        assertThat(PrintableText.escape("evil\u202etxt.exe\u2028")).isEqualTo("evil\\u202Etxt.exe\\u2028");
        assertThat(PrintableText.escape("\u009b31m")).isEqualTo("\\u009B31m");
        assertThat(PrintableText.escape("lone \ud800 surrogate")).isEqualTo("lone \\uD800 surrogate");
        assertThat(PrintableText.escape("\udb40\udc01 tag")).isEqualTo("\\u{E0001} tag");
    }

    @Test
    void printableTextPassesUnchangedAndEscapingTwiceChangesNothing() {
        String text = "price,Größe,価格 \\n 😀 C:\\data";
        assertThat(PrintableText.escape(text)).isSameAs(text);
        String once = PrintableText.escape("a\u001bb");
        assertThat(PrintableText.escape(once)).isEqualTo(once);
        assertThat(PrintableText.escape(null)).isNull();
    }
}
