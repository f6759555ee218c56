package dev.descent.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ordinary programs hold a {@link dev.descent.Device} and import nothing from {@code dev.descent.spi}, the
 * package backend authors implement: the README's Java samples, every class of this module (main and test), the
 * consumer project in {@code examples/consumer} and the {@code descent} command ({@code cli/src/main}). Backends
 * and the benchmarks may use the SPI. A mention in a comment is allowed (a javadoc link to the SPI for readers);
 * an import, a fully qualified type or a static import is not. The consumer's run script also checks its
 * compiled classes, which would catch a use through {@code var}.
 */
class UserCodeAvoidsSpiTest {
    /** The backend SPI's package. */
    static final String SPI = "dev.descent.spi";

    private static final Pattern SPI_USE = Pattern.compile("\\bdev\\s*\\.\\s*descent\\s*\\.\\s*spi\\b");
    /** String and char literals and comments, matched left to right so that {@code "http://"} is a string. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)+'|(?s:/\\*.*?\\*/)|//[^\\n]*");

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void readmeJavaSamplesImportNothingFromTheSpi() throws IOException {
        Path readme = ROOT.resolve("README.md");
        List<String> offending = new ArrayList<>();
        for (ReadmeSnippetsTest.Snippet s : ReadmeSnippetsTest.javaBlocks(Files.readAllLines(readme))) {
            String code = s.info() + "\n" + String.join("\n", s.lines());
            for (int line : spiUses(code)) {
                // line 1 is the fence's info string (the sample's declared variables), line 2 the block's first
                offending.add("README.md:" + (s.line() + line - 2));
            }
        }
        assertThat(offending).as("README Java samples that use " + SPI + " (use dev.descent.Device)").isEmpty();
    }

    @Test
    void examplesImportNothingFromTheSpi() {
        assertNoSpiUse(ROOT.resolve("examples/src/main/java"), ROOT.resolve("examples/src/test/java"));
    }

    @Test
    void consumerProjectImportsNothingFromTheSpi() {
        assertNoSpiUse(ROOT.resolve("examples/consumer/src"));
    }

    @Test
    void theDescentCommandImportsNothingFromTheSpi() {
        assertNoSpiUse(ROOT.resolve("cli/src/main/java"));
    }

    @Test
    void findsEveryFormOfUseAndOnlyCode() {
        assertThat(spiUses("import dev.descent.spi.Backend;")).containsExactly(1);
        assertThat(spiUses("import dev.descent.spi.*;")).containsExactly(1);
        assertThat(spiUses("import static dev.descent.spi.Backend.of;")).containsExactly(1);
        assertThat(spiUses("class A {\n  dev.descent.spi.Backend b;\n}")).containsExactly(2);
        assertThat(spiUses("/* one\n two */ int x;\n dev.descent. spi.Storage s;")).containsExactly(3);
        assertThat(spiUses("/** See {@link dev.descent.spi.Backend}. */\nclass A {} // dev.descent.spi\n")).isEmpty();
        assertThat(spiUses("String s = \"dev.descent.spi\"; char q = '\"'; int y;")).isEmpty();
        assertThat(spiUses("String url = \"http://x\"; dev.descent.spi.Storage s;")).containsExactly(1);
        assertThat(spiUses("import dev.descent.Device;\nimport dev.descent.spin.X;")).isEmpty();
    }

    private static void assertNoSpiUse(Path... folders) {
        List<String> offending = new ArrayList<>();
        int files = 0;
        for (Path folder : folders) {
            assertThat(folder).as("source folder").isDirectory();
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    for (int line : spiUses(Files.readString(file))) {
                        offending.add(ROOT.relativize(file) + ":" + line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(files).as("Java files under " + List.of(folders)).isPositive();
        assertThat(offending).as("uses of " + SPI + " in ordinary programs (use dev.descent.Device)").isEmpty();
    }

    /**
     * The 1-based lines of {@code source} whose code (comments and string literals blanked, line breaks kept)
     * names the SPI package.
     */
    static List<Integer> spiUses(String source) {
        String code = blank(NOT_CODE, source);
        List<Integer> lines = new ArrayList<>();
        Matcher m = SPI_USE.matcher(code);
        while (m.find()) {
            int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** {@code text} with every match of {@code pattern} replaced by spaces, its line breaks kept. */
    private static String blank(Pattern pattern, String text) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", " ")));
    }
}
