package dev.descent.tensor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dev.descent.tensor} and {@code dev.descent.autograd} do not depend on each other both ways: autograd's
 * nodes and engine use tensors, and no class of the tensor package refers to any autograd type (read from the
 * compiled classes' constant pools, as jdeps does, so javadoc mentions do not count but every field, method
 * signature, call and cast does). The second test checks that the scan sees references at all.
 */
class PackageCycleTest {
    @Test
    void theTensorPackageRefersToNoAutogradType() throws Exception {
        assertThat(classesReferring("dev.descent.tensor", "dev/descent/autograd/")).isEmpty();
    }

    @Test
    void theAutogradPackageRefersToTensorsSoTheScanSeesReferences() throws Exception {
        assertThat(classesReferring("dev.descent.autograd", "dev/descent/tensor/")).contains("Node", "Engine");
    }

    /** Simple names of the classes of {@code pkg} whose constant pool names something under {@code prefix}. */
    private static List<String> classesReferring(String pkg, String prefix) throws IOException, URISyntaxException {
        Path location = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found = new ArrayList<>();
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
            Path root = jar == null ? location : jar.getPath("/");
            try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    for (PoolEntry entry : ClassFile.of().parse(Files.readAllBytes(file)).constantPool()) {
                        if (entry instanceof Utf8Entry text && text.stringValue().contains(prefix)) {
                            String name = file.getFileName().toString();
                            found.add(name.substring(0, name.length() - ".class".length()));
                            break;
                        }
                    }
                }
            }
        }
        return found;
    }
}
