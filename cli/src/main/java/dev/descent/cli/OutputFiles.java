package dev.descent.cli;

import dev.descent.io.AtomicFiles;
import dev.descent.io.StagedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files one command reads and writes, checked before any work starts, and its outputs written only at the
 * very end, all or nothing: a failed run leaves every existing file as it was and creates none.
 *
 * <p>Before work starts ({@link #input}, {@link #output}): every output is compared by identity
 * ({@link FileIdentity}: hard links, symbolic links and other spellings of one file are one file) with every
 * input and every other output, so no run can overwrite its own data; an output that exists and is not a regular
 * file (a device, a pipe, a directory) is refused, since replacing it atomically would turn {@code /dev/null}
 * into a regular file; and a temporary file is created and deleted in every output's folder, so an unwritable
 * folder is found now rather than after hours of training. A symbolic link as output is followed: its target is
 * replaced, in the target's folder, and the link stays.
 *
 * <p>At the end ({@link #commit}): every output is first written completely to a temporary file beside it and
 * forced to disk; only when all were written are they renamed over their targets.
 */
final class OutputFiles {
    private record Named(String option, Path path, FileIdentity identity) {
    }

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();
    private final Map<Path, byte[]> contents = new LinkedHashMap<>();

    /** Registers an input (may be null); a missing input is reported by its reader, not here. */
    void input(String option, Path path) {
        if (path == null) {
            return;
        }
        FileIdentity id = FileIdentity.of(path);
        if (id != null && Files.exists(id.resolved())) {
            inputs.add(new Named(option, path, id));
        }
    }

    /**
     * Registers an output (may be null), failing now if it names an input or another output, is not a regular
     * file, or cannot be created in its folder.
     *
     * @param alsoInput true for a file the command both reads and writes on purpose ({@code --checkpoint} with
     *                  {@code --resume}): it may equal the input registered under the same option
     */
    void output(String option, Path path, boolean alsoInput) {
        if (path == null) {
            return;
        }
        Path absolute = path.toAbsolutePath();
        if (namesAFileDescriptor(absolute.normalize())) {
            throw new UsageException(option + " " + path + " names a file descriptor, not a file; descent writes"
                    + " outputs atomically to files (predict writes to standard output without --out or with"
                    + " --out -)");
        }
        Path resolved = AtomicFiles.resolveTarget(path);
        Path parent = resolved.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + path + ": directory " + (parent == null ? absolute : parent)
                    + " does not exist");
        }
        requireRegularOrAbsent(option, path, resolved);
        FileIdentity id = FileIdentity.of(path);
        if (id == null) {
            throw new UsageException(option + " " + path + ": cannot resolve the path");
        }
        for (Named in : inputs) {
            if (in.identity().key().equals(id.key()) && !(alsoInput && in.option().equals(option))) {
                throw new UsageException(option + " " + path + " is the input " + in.option() + " " + in.path()
                        + "; writing it would destroy the input: choose another output file");
            }
        }
        for (Named out : outputs) {
            if (out.identity().key().equals(id.key())) {
                throw new UsageException(option + " " + path + " and " + out.option() + " " + out.path()
                        + " are the same file; give each output its own file");
            }
        }
        probeWritable(option, path, parent, resolved.getFileName().toString());
        outputs.add(new Named(option, path, id));
    }

    /** Sets what an output will hold. */
    void set(Path path, byte[] bytes) {
        if (path != null) {
            contents.put(path, bytes);
        }
    }

    /**
     * Writes every output whose content was set: all to temporary files first, then, once every one was
     * written, renamed over their targets. A failure while writing leaves every target as it was.
     *
     * @param beforeRename run after every file was written and before any is renamed (the last chance to fail
     *                     with nothing changed: the summary on standard output is written there)
     */
    void commit(Runnable beforeRename) {
        List<StagedFile> staged = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> e : contents.entrySet()) {
                byte[] bytes = e.getValue();
                staged.add(AtomicFiles.stage(e.getKey(), out -> out.write(bytes)));
            }
            beforeRename.run();
        } catch (RuntimeException | Error e) {
            staged.forEach(StagedFile::discard);
            throw e;
        }
        staged.forEach(StagedFile::commit);
    }

    /**
     * {@code /dev/stdout}, {@code /dev/fd/N}, {@code /proc/self/fd/N} and the like: following such a link would
     * replace whatever file the descriptor happens to be redirected to, behind the shell's back.
     */
    static boolean namesAFileDescriptor(Path absolute) {
        String p = absolute.toString();
        return p.equals("/dev/stdin") || p.equals("/dev/stdout") || p.equals("/dev/stderr")
                || p.startsWith("/dev/fd/") || p.matches("/proc/[^/]+/fd/.*");
    }

    private static void requireRegularOrAbsent(String option, Path path, Path resolved) {
        try {
            BasicFileAttributes a = Files.readAttributes(resolved, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                throw new UsageException(option + " " + path + " is a directory; give a file name");
            }
            if (!a.isRegularFile()) {
                throw new UsageException(option + " " + path + " exists and is not a regular file (a device, pipe"
                        + " or socket); descent replaces outputs atomically and writes only regular files"
                        + (option.equals("--out") ? " (predict writes to standard output without --out, or with"
                        + " --out -)" : ""));
            }
        } catch (IOException e) {
            // Does not exist yet: fine.
        }
    }

    /** Creates and deletes a temporary file where the output will be written, to find an unwritable folder now. */
    private static void probeWritable(String option, Path path, Path folder, String name) {
        Path probe = null;
        try {
            probe = Files.createTempFile(folder, "." + name + ".", ".probe");
        } catch (IOException | SecurityException e) {
            throw new UsageException(option + " " + path + ": cannot create files in " + folder + " ("
                    + reason(e) + ")");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // The folder is writable; a probe that cannot be deleted is harmless and hidden.
                }
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() != null ? f.getReason() : "the file system does not allow creating files there";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
