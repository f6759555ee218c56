package dev.descent.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
     * @throws FileWriteException if the file cannot be created, written, synced or renamed
     */
    public static void write(Path target, ContentWriter content) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = directory.resolve("." + absolute.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean renamed = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new FileWriteException("cannot write " + target + ": the file system cannot rename "
                        + temp.getFileName() + " over it atomically; the previous file is unchanged", e);
            }
            renamed = true;
            syncDirectory(directory);
        } catch (NoSuchFileException e) {
            throw new FileWriteException("cannot write " + target + ": directory " + directory
                    + " does not exist", e);
        } catch (IOException e) {
            throw new FileWriteException("cannot write " + target + ": " + describe(e)
                    + "; the previous file, if any, is unchanged", e);
        } finally {
            if (!renamed) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: the write already failed and that error is the one worth reporting.
                }
            }
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open or sync a directory; the rename is still atomic there.
        }
    }

    private static String describe(IOException e) {
        String reason = e.getMessage();
        return e.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")");
    }
}
