package dev.placementstudio.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * write a temporary file in the same folder, fsync it, then rename it over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = newTemp(target); // makes the folder too
        try {
            keepPermissions(tmp, target);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            moveIntoPlace(tmp, target);
        } finally {
            release(tmp);
        }
    }

    /** Temporaries being written by this process; the shutdown hook deletes them (SIGTERM, Ctrl-C). */
    private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * A temporary of our naming untouched for this long belongs to no live writer (a writer streaming
     * into it keeps its modification time fresh), so the next write into the folder may delete it.
     */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(15);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }
        }, "atomic-files-cleanup"));
    }

    /**
     * Creates the temporary beside {@code target} ({@code .NAME.<digits>.tmp}, Files.createTempFile's
     * naming), registered for deletion at JVM shutdown, after sweeping stale temporaries of exactly
     * this target's naming (only those not modified for {@link #STALE_AFTER}: left by a killed process).
     */
    public static Path newTemp(Path target) throws IOException {
        requireReplaceable(target);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        sweepStale(dir, target.getFileName().toString());
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        IN_FLIGHT.add(tmp);
        return tmp;
    }

    /** Deletes a temporary from {@link #newTemp} if it is still there and forgets it. */
    public static void release(Path tmp) throws IOException {
        try {
            Files.deleteIfExists(tmp);
        } finally {
            IN_FLIGHT.remove(tmp);
        }
    }

    static void sweepStale(Path dir, String targetName) {
        String prefix = "." + targetName + ".";
        long cutoff = System.currentTimeMillis() - STALE_AFTER.toMillis();
        // a filter on the name, not a glob: a target's name may hold glob characters ([, {, *, ?)
        java.nio.file.DirectoryStream.Filter<Path> ours = p -> {
            String n = p.getFileName().toString();
            if (!n.startsWith(prefix) || !n.endsWith(".tmp") || n.length() <= prefix.length() + ".tmp".length()) {
                return false;
            }
            String middle = n.substring(prefix.length(), n.length() - ".tmp".length());
            return middle.chars().allMatch(Character::isDigit);
        };
        try (var entries = Files.newDirectoryStream(dir, ours)) {
            for (Path p : entries) {
                if (IN_FLIGHT.contains(p)) {
                    continue;
                }
                try {
                    if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(p).toMillis() < cutoff) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // another sweeper got it, or we may not delete it: leave it
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // a folder we cannot list: nothing swept, the write goes on
        }
    }

    /**
     * A temporary file is created private (rw-------); give it the target's permissions, or the usual
     * rw-r--r-- for a new file, so that saving does not silently change who may read the model.
     */
    public static void keepPermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        var perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /**
     * A rename may replace a read-only file (only the folder's permissions count), but its owner made it
     * read-only so that it stays as it is: refused, as {@code cp} refuses.
     */
    private static void requireReplaceable(Path target) throws IOException {
        if (Files.exists(target) && !isWritable(target)) {
            throw new java.nio.file.AccessDeniedException(target.toString(), null, "the file is read-only");
        }
    }

    /**
     * Whether we may change this file (or make files in this folder): the system lets us, and its permissions
     * have a write bit. The second matters for root, whom the system lets write a {@code chmod 444} file: a
     * file made read-only is meant to stay as it is, whoever runs the command.
     */
    public static boolean isWritable(Path p) {
        if (!Files.isWritable(p)) {
            return false;
        }
        if (!p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        try {
            var perms = Files.getPosixFilePermissions(p);
            return perms.contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    /** Renames a finished temporary file over the target, atomically where the file system allows. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        requireReplaceable(target);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dirChannel = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dirChannel.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot fsync a directory; the rename itself is still atomic.
        }
    }
}
