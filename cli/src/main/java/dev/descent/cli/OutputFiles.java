package dev.descent.cli;

import dev.descent.io.AtomicFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files one command will write, checked before any work starts and written only at the very end, each
 * atomically: a failed run leaves every existing file as it was and creates none.
 */
final class OutputFiles {
    private final Map<Path, String> planned = new LinkedHashMap<>();
    private final Map<Path, byte[]> contents = new LinkedHashMap<>();

    /** Registers {@code path} (may be null: nothing planned) for {@code option}, failing early if it cannot be written. */
    void plan(String option, Path path) {
        if (path == null) {
            return;
        }
        Path absolute = path.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UsageException(option + " " + path + " is a directory; give a file name");
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + path + ": directory " + parent + " does not exist");
        }
        for (Map.Entry<Path, String> e : planned.entrySet()) {
            if (e.getKey().equals(absolute.normalize())) {
                throw new UsageException(option + " and " + e.getValue() + " name the same file " + path);
            }
        }
        planned.put(absolute.normalize(), option);
    }

    /** Sets what a planned file will hold. */
    void set(Path path, byte[] bytes) {
        if (path != null) {
            contents.put(path.toAbsolutePath().normalize(), bytes);
        }
    }

    /** Writes every file whose content was set, each atomically. */
    void commit() {
        contents.forEach(AtomicFiles::write);
    }
}
