package dev.descent.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file's new content, complete and forced to disk in a hidden temporary file beside its target, waiting to
 * replace the target ({@link #commit()}) or to be thrown away ({@link #discard()}). Made by
 * {@link AtomicFiles#stage}; staging every output of a command before committing any of them makes the outputs
 * all-or-nothing: a failure while writing one leaves every target as it was.
 *
 * <p>Not thread-safe; commit or discard once.
 */
public final class StagedFile {
    private final Path target;
    private final Path resolved;
    private final Path temp;
    private boolean done;

    StagedFile(Path target, Path resolved, Path temp) {
        this.target = target;
        this.resolved = resolved;
        this.temp = temp;
    }

    /** The path the caller asked for (a link stays a link: its target is what gets replaced). */
    public Path target() {
        return target;
    }

    /**
     * Renames the temporary file over the target atomically and forces the directory.
     *
     * @throws FileWriteException if the rename fails (the target is then unchanged and the temporary file gone)
     */
    public void commit() {
        if (done) {
            throw new IllegalStateException("StagedFile: " + target + " was already committed or discarded");
        }
        done = true;
        try {
            Files.move(temp, resolved, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            AtomicFiles.deleteQuietly(temp);
            throw new FileWriteException("cannot write " + target + ": the file system cannot rename "
                    + temp.getFileName() + " over it atomically; the previous file is unchanged", e);
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(temp);
            throw new FileWriteException("cannot write " + target + ": " + AtomicFiles.describe(e)
                    + "; the previous file, if any, is unchanged", e);
        }
        AtomicFiles.syncDirectory(resolved.getParent());
    }

    /** Deletes the temporary file; the target keeps its previous content. Does nothing after a commit. */
    public void discard() {
        if (!done) {
            done = true;
            AtomicFiles.deleteQuietly(temp);
        }
    }
}
