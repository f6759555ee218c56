package dev.descent.cli;

import dev.descent.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which file a path names, so that two paths can be compared for identity rather than spelling: an existing
 * file is known by its file key (device and inode on Unix), so hard links, symbolic links, {@code ..} and
 * relative paths all compare equal; a file that does not exist yet is known by its folder's real path and its
 * name, after the symbolic links of the path itself are followed as a write would follow them.
 *
 * @param key      the file key, or the real path of a file not yet created
 * @param resolved where a write to the path lands (links followed)
 */
record FileIdentity(Object key, Path resolved) {
    /** The identity of {@code path}, or null when its folder does not exist (reported elsewhere). */
    static FileIdentity of(Path path) {
        Path resolved = AtomicFiles.resolveTarget(path);
        try {
            if (Files.exists(resolved)) {
                BasicFileAttributes attributes = Files.readAttributes(resolved, BasicFileAttributes.class);
                Object key = attributes.fileKey();
                return new FileIdentity(key != null ? key : resolved.toRealPath(), resolved);
            }
            Path parent = resolved.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                return null;
            }
            return new FileIdentity(parent.toRealPath().resolve(resolved.getFileName()), resolved);
        } catch (IOException e) {
            return null;
        }
    }
}
