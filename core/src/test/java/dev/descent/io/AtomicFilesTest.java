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

    @Test
    void aSymbolicLinkKeepsBeingALinkAndItsTargetIsReplacedInItsOwnFolder() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path target = elsewhere.resolve("model.st");
        Files.writeString(target, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.st"), Path.of("elsewhere/model.st"));
        Path chain = Files.createSymbolicLink(dir.resolve("chain.st"), Path.of("link.st"));
        AtomicFiles.writeString(chain, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isSymbolicLink(chain)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(AtomicFiles.resolveTarget(chain)).isEqualTo(dir.resolve("elsewhere/model.st"));
    }

    @Test
    void aDanglingLinkIsWrittenAtItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.st"), Path.of("future.st"));
        AtomicFiles.writeString(link, "content");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(dir.resolve("future.st"))).isEqualTo("content");
    }

    @Test
    void aLinkLoopIsAnErrorNotAHang() throws IOException {
        Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("a"), "x"))
                .isInstanceOf(FileWriteException.class).hasMessageContaining("more than 40 symbolic links");
    }

    @Test
    void aFileThatIsNotRegularIsRefusedAndLeftAsItWas() throws Exception {
        Path pipe = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        Path folder = Files.createDirectory(dir.resolve("folder"));
        for (Path special : new Path[] {pipe, folder}) {
            assertThatThrownBy(() -> AtomicFiles.writeString(special, "x"))
                    .isInstanceOf(FileWriteException.class).hasMessageContaining("writes only regular files");
        }
        assertThat(Files.isRegularFile(pipe)).isFalse();
        assertThat(Files.isDirectory(folder)).isTrue();
        try (Stream<Path> files = listing()) {
            assertThat(files).containsExactlyInAnyOrder(pipe, folder);
        }
    }

    @Test
    void stagedFilesReplaceTheirTargetsOnlyOnCommit() throws IOException {
        Path a = dir.resolve("a.txt");
        Files.writeString(a, "old a");
        StagedFile staged = AtomicFiles.stage(a, out -> out.write("new a".getBytes()));
        StagedFile discarded = AtomicFiles.stage(dir.resolve("b.txt"), out -> out.write("new b".getBytes()));
        assertThat(Files.readString(a)).isEqualTo("old a");
        discarded.discard();
        staged.commit();
        assertThat(Files.readString(a)).isEqualTo("new a");
        try (Stream<Path> files = listing()) {
            assertThat(files).containsExactly(a);
        }
    }
}
