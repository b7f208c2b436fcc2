package dev.osk.render.manifest;

import dev.osk.render.ExitCleanup;
import dev.osk.render.OskException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder osk writes whole: the new contents are written to a sibling folder and swapped in, so readers see the
 * old folder or the new one, never a half-written one, and a failure leaves the old one in place. A folder is
 * replaced only when it is missing, empty, or holds the {@link #MARKER} an earlier osk output left in it.
 */
public final class OutputFolder {
    /** Marks a folder as osk output, which a later run may replace. */
    public static final String MARKER = ".osk-output";

    private OutputFolder() {
    }

    /**
     * Replaces {@code dir} with exactly {@code files} (relative '/'-separated path to bytes; the caller includes
     * the marker). {@code flag} names the folder's option in messages ({@code --output-dir}, {@code -d}).
     */
    public static void replace(Path dir, SortedMap<String, byte[]> files, String flag) {
        Path target = dir.toAbsolutePath().normalize();
        sweep(target);
        checkReplaceable(target, flag);
        Path parent = target.getParent();
        Path tmp = null;
        Path old = null;
        Path newAside = asideName(target, "new");
        Path oldAside = asideName(target, "old");
        // stopped by a signal half-way: the new folder goes, the old one is put back if it was moved aside
        Path created = firstMissing(parent);
        boolean done = false;
        try (ExitCleanup.Registration cleanup = ExitCleanup.register(() -> undo(newAside, oldAside, target))) {
            Files.createDirectories(parent);
            tmp = aside(target, "new");
            Files.createDirectory(tmp);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path file = tmp.resolve(e.getKey()).normalize();
                if (!file.startsWith(tmp) || file.equals(tmp)) {
                    throw new IllegalArgumentException("not a path inside the folder: " + e.getKey());
                }
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = aside(target, "old");
                move(target, old);
            }
            move(tmp, target);
            tmp = null;
            if (old != null) {
                delete(old);
                old = null;
            }
            done = true;
        } catch (IOException e) {
            throw new OskException("cannot write " + flag + " " + dir + ": " + e.getMessage());
        } finally {
            try {
                if (tmp != null) {
                    delete(tmp);
                }
                if (old != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    move(old, target);
                }
                if (!done && created != null) {
                    removeEmpty(parent, created);
                }
            } catch (IOException ignored) {
                // best effort: the original folder is either back in place or still at its aside name
            }
        }
    }

    /**
     * A sibling name for the new or old folder, owned by this process (a leftover of a killed earlier run of the
     * same process id is removed). Not createTempDirectory: its owner-only mode would stay on the output.
     */
    private static Path aside(Path target, String what) throws IOException {
        Path p = asideName(target, what);
        delete(p);
        return p;
    }

    /** The outermost folder of {@code dir} (itself included) that does not exist yet, or null. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Removes the folders from {@code dir} up to {@code top} that a failed write created, if still empty. */
    private static void removeEmpty(Path dir, Path top) throws IOException {
        for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
            try (Stream<Path> s = Files.list(p)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(p);
        }
    }

    private static Path asideName(Path target, String what) {
        return target.resolveSibling("." + target.getFileName() + "." + what + "-" + ExitCleanup.pid());
    }

    private static void undo(Path newAside, Path oldAside, Path target) {
        try {
            delete(newAside);
            if (Files.exists(oldAside, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    delete(oldAside);
                } else {
                    move(oldAside, target);
                }
            }
        } catch (IOException e) {
            // best effort while the process stops
        }
    }

    /**
     * Removes what runs that were killed outright (SIGKILL, a power cut) left beside {@code target}: their new
     * folder, and their old one (moved back into place when the kill came between the two moves). Runs before
     * every replace; callers run it first too, so that a run that fails before writing still puts an old folder
     * back.
     */
    public static void sweep(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null || !Files.isDirectory(parent)) {
            return;
        }
        Pattern leftover = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                + "\\.(?:new|old)-([0-9]{1,19})");
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> s = Files.list(parent)) {
            s.filter(p -> ExitCleanup.isStale(p.getFileName().toString(), leftover)).sorted().forEach(stale::add);
        } catch (IOException e) {
            return;
        }
        String oldPrefix = "." + target.getFileName() + ".old-";
        for (Path p : stale) {
            try {
                if (p.getFileName().toString().startsWith(oldPrefix) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    move(p, target);
                } else {
                    delete(p);
                }
            } catch (IOException e) {
                // another run may be sweeping the same leftover
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void checkReplaceable(Path target, String flag) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OskException(flag + " " + target + " exists and is not a folder");
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent() && !Files.exists(target.resolve(MARKER))) {
                throw new OskException(flag + " " + target + " is not empty and was not written by osk;"
                        + " refusing to replace it");
            }
        } catch (IOException e) {
            throw new OskException("cannot read " + flag + " " + target + ": " + e.getMessage());
        }
    }

    /** Deletes {@code tree} and everything in it (links themselves, never what they point at). */
    public static void delete(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
