package dev.descent.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader, or a run killed at any moment, sees either the complete previous file or the
 * complete new one, never a partial file.
 *
 * <p>How: the content goes to a hidden temporary file in the target's own directory
 * ({@code .NAME.RANDOM.tmp}, same file system, so the rename cannot turn into a copy), the file is forced to
 * disk ({@code fsync}), then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}, and finally
 * the directory is forced so that the rename itself survives a power loss (where the platform allows opening a
 * directory; elsewhere that last step is skipped). If anything fails, including the caller's own
 * {@link ContentWriter}, the temporary file is deleted and the target is left untouched. A file system that
 * cannot rename atomically is reported as an error rather than replaced non-atomically.
 *
 * <p>A target that is a symbolic link is resolved first ({@link #resolveTarget}): the file the link points to is
 * replaced, in its own directory, and the link stays. A target that exists and is not a regular file (a device
 * such as {@code /dev/null}, a pipe, a socket, a directory) is refused: renaming over it would replace a device
 * node with a regular file. {@link #stage} and {@link StagedFile#commit()} split a write in two so that several
 * files can be replaced together only after all of them were written.
 *
 * <p>Thread-safety: the methods are stateless; concurrent writers of the same target each produce a complete
 * file and the last rename wins.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Produces a file's content on a stream; {@link AtomicFiles} opens, syncs and closes the stream. */
    @FunctionalInterface
    public interface ContentWriter {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces {@code target} with {@code text} encoded as UTF-8. */
    public static void writeString(Path target, CharSequence text) {
        write(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomically replaces {@code target} with what {@code content} writes. An exception thrown by
     * {@code content} propagates unchanged if it is unchecked, or as a {@link FileWriteException} if it is an
     * {@link IOException}; either way the target keeps its previous content.
     *
     * @throws FileWriteException if the file cannot be created, written, synced or renamed, or if it exists
     *                            and is not a regular file
     */
    public static void write(Path target, ContentWriter content) {
        stage(target, content).commit();
    }

    /**
     * The first half of {@link #write}: the content is written to a hidden temporary file beside the target and
     * forced to disk, and the target is not touched until {@link StagedFile#commit()}. Several files staged first
     * and committed together are replaced only once every one of them was written.
     *
     * @throws FileWriteException as {@link #write} does, with no temporary file left behind
     */
    public static StagedFile stage(Path target, ContentWriter content) {
        Path resolved = resolveTarget(target);
        Path directory = resolved.getParent();
        Path temp = directory.resolve("." + resolved.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean written = false;
        try {
            requireRegularOrAbsent(target, resolved);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            written = true;
            return new StagedFile(target, resolved, temp);
        } catch (NoSuchFileException e) {
            throw new FileWriteException("cannot write " + target + ": directory " + directory
                    + " does not exist", e);
        } catch (IOException e) {
            throw new FileWriteException("cannot write " + target + ": " + describe(e)
                    + "; the previous file, if any, is unchanged", e);
        } finally {
            if (!written) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * The file a write to {@code target} replaces: {@code target} itself (made absolute), or, when it is a
     * symbolic link, the file the chain of links ends at, so that the link stays and its target receives the new
     * content. At most 40 links are followed, as Linux does.
     *
     * @throws FileWriteException if the links form a loop or cannot be read
     */
    public static Path resolveTarget(Path target) {
        Path current = target.toAbsolutePath();
        try {
            for (int hops = 0; Files.isSymbolicLink(current); hops++) {
                if (hops == 40) {
                    throw new FileWriteException("cannot write " + target + ": more than 40 symbolic links"
                            + " (a loop?)", null);
                }
                current = current.resolveSibling(Files.readSymbolicLink(current));
            }
        } catch (IOException e) {
            throw new FileWriteException("cannot write " + target + ": " + describe(e), e);
        }
        return current;
    }

    /**
     * Refuses a target that exists and is not a regular file: renaming over a device, a pipe or a socket would
     * replace it with a regular file (as root, {@code /dev/null} itself), and a directory cannot hold the content.
     */
    private static void requireRegularOrAbsent(Path target, Path resolved) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(resolved, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isRegularFile()) {
            throw new FileWriteException("cannot write " + target + ": it exists and is "
                    + (attributes.isDirectory() ? "a directory" : "not a regular file (a device, pipe or socket)")
                    + "; descent replaces files atomically and writes only regular files", null);
        }
    }

    static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Best effort: the write already failed and that error is the one worth reporting.
        }
    }

    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open or sync a directory; the rename is still atomic there.
        }
    }

    static String describe(IOException e) {
        String reason = e.getMessage();
        return e.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")");
    }
}
