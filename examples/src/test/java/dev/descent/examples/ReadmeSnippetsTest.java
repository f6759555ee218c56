package dev.descent.examples;

import dev.descent.Backends;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Compiles every {@code ```java} block of the README against descent, so the samples cannot rot.
 *
 * <p>A block that declares a top-level type is compiled as a source file; any other block is a list of
 * statements and is compiled as the body of a method that may throw. Every package {@code dev.descent.core}
 * exports except {@code dev.descent.spi} (what backend authors implement: no sample of an ordinary program needs
 * it, {@link UserCodeAvoidsSpiTest}) is imported on demand, and {@code java.util}, and {@code import} lines at the
 * top of a block are kept, so a sample shows only the imports a reader would need to guess. A sample that uses
 * variables it does not declare names them after the language, as the method's parameters:
 * {@code ```java List<Tensor> parameters} (GitHub highlights by the first word only). A block opened with
 * {@code ```java no-compile} is skipped.
 */
class ReadmeSnippetsTest {
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "(?m)^(public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(class|record|interface|enum)\\s+(\\w+)");

    record Snippet(int line, String info, List<String> lines) {
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheReadmeCompiles() throws IOException {
        Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
        assertThat(readme).as("README.md next to the examples module").exists();
        List<Snippet> snippets = javaBlocks(Files.readAllLines(readme));
        assertThat(snippets).as("```java blocks in " + readme).isNotEmpty();
        return snippets.stream().filter(s -> !s.info().contains("no-compile"))
                .map(s -> DynamicTest.dynamicTest("README.md line " + s.line(), () -> compile(s)));
    }

    static List<Snippet> javaBlocks(List<String> lines) {
        List<Snippet> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.startsWith("```java")) {
                continue;
            }
            int start = i + 1;
            List<String> body = new ArrayList<>();
            for (i = start; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                body.add(lines.get(i));
            }
            blocks.add(new Snippet(start + 1, fence.substring("```java".length()).strip(), body));
        }
        return blocks;
    }

    private static void compile(Snippet snippet) throws IOException {
        List<String> imports = new ArrayList<>();
        List<String> code = new ArrayList<>();
        for (String line : snippet.lines()) {
            if (code.isEmpty() && (line.startsWith("import ") || line.isBlank())) {
                imports.add(line);
            } else {
                code.add(line);
            }
        }
        String header = defaultImports() + String.join("\n", imports) + "\n";
        String body = String.join("\n", code);
        var type = TYPE_DECLARATION.matcher(body);
        String className;
        String source;
        int firstCodeLine; // line of the generated source that holds the README's first code line
        if (type.find()) {
            className = type.group(3);
            source = header + body + "\n";
            firstCodeLine = header.split("\n", -1).length;
        } else {
            className = "ReadmeSnippet" + snippet.line();
            String open = "class " + className + " {\n    void run(" + snippet.info() + ") throws Exception {\n";
            source = header + open + body + "\n    }\n}\n";
            firstCodeLine = (header + open).split("\n", -1).length;
        }
        int readmeFirstCodeLine = snippet.line() + imports.size();

        // javac through java.util.spi.ToolProvider: the tests are compiled patched into this module, which does
        // not (and need not) read java.compiler.
        Path dir = Files.createTempDirectory("readme-snippet");
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new AssertionError("no javac"));
        StringWriter log = new StringWriter();
        int rc = javac.run(new PrintWriter(log, true), new PrintWriter(log, true), "-classpath",
                System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString(), "-proc:none",
                "-Xlint:all,-processing", "-Werror", file.toString());
        if (rc != 0) {
            // point at README lines instead of the generated file's
            Matcher at = Pattern.compile("(?m)^" + Pattern.quote(file.toString()) + ":(\\d+):").matcher(log.toString());
            String report = at.replaceAll(m -> Matcher.quoteReplacement(
                    "README.md:" + (readmeFirstCodeLine + Integer.parseInt(m.group(1)) - firstCodeLine) + ":"));
            fail("the README's java block at line " + snippet.line() + " does not compile:\n" + report
                    + "\n--- compiled as ---\n" + source);
        }
    }

    /** {@code import P.*;} for every package that descent-core exports, except the backend SPI. */
    private static String defaultImports() {
        try {
            Path core = Path.of(Backends.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            TreeSet<String> packages = new TreeSet<>();
            for (ModuleReference ref : ModuleFinder.of(core).findAll()) {
                for (ModuleDescriptor.Exports export : ref.descriptor().exports()) {
                    if (!export.isQualified() && !export.source().equals(UserCodeAvoidsSpiTest.SPI)) {
                        packages.add(export.source());
                    }
                }
            }
            assertThat(packages).as("packages exported by descent-core at " + core).contains("dev.descent");
            packages.add("java.util");
            return packages.stream().map(p -> "import " + p + ".*;\n").collect(Collectors.joining());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
