package dev.descent.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private Stream<Path> listing() throws IOException {
        return Files.list(dir);
    }

    @Test
    void createsAndReplacesFiles() throws IOException {
        Path file = dir.resolve("out.txt");
        AtomicFiles.writeString(file, "first");
        assertThat(Files.readString(file)).isEqualTo("first");
        AtomicFiles.write(file, new byte[]{'s', 'e', 'c'});
        assertThat(Files.readString(file)).isEqualTo("sec");
        try (Stream<Path> files = listing()) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aWriterThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        AtomicFiles.writeString(file, "previous content");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half of the new con".getBytes());
            throw new IOException("disk full");
        }))
                .isInstanceOf(FileWriteException.class)
                .hasMessage("cannot write " + file + ": IOException (disk full); the previous file, if any, is"
                        + " unchanged");
        assertThat(Files.readString(file)).isEqualTo("previous content");
        try (Stream<Path> files = listing()) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anUncheckedFailurePropagatesUnchangedAndLeavesTheOldFile() throws IOException {
        Path file = dir.resolve("predictions.csv");
        AtomicFiles.writeString(file, "old");
        IllegalStateException boom = new IllegalStateException("bad input");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw boom;
        })).isSameAs(boom);
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = listing()) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedFirstWriteLeavesNoFile() throws IOException {
        Path file = dir.resolve("new.json");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            throw new IOException("nope");
        })).isInstanceOf(FileWriteException.class);
        try (Stream<Path> files = listing()) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void missingDirectoryIsNamed() {
        Path file = dir.resolve("no/such/dir/out.txt");
        assertThatThrownBy(() -> AtomicFiles.writeString(file, "x"))
                .isInstanceOf(FileWriteException.class)
                .hasMessage("cannot write " + file + ": directory " + file.getParent() + " does not exist");
    }
}
