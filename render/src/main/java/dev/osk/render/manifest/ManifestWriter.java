package dev.osk.render.manifest;

import dev.osk.render.OskException;
import dev.osk.render.yaml.YamlWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes manifests as one YAML stream ({@code ---} and a {@code # Source:} comment before each object) or as a
 * folder with one file per object. A folder is built beside the target and swapped in whole, so a failed write
 * never leaves a partial tree.
 */
public final class ManifestWriter {
    /** Marks a folder as osk output, which a later {@code --output-dir} may replace. */
    public static final String MARKER = ".osk-output";

    private final YamlWriter yaml = new YamlWriter();

    /** The YAML stream text of {@code manifests}. */
    public String stream(List<Manifest> manifests) {
        StringBuilder sb = new StringBuilder();
        for (Manifest m : manifests) {
            sb.append(document(m));
        }
        return sb.toString();
    }

    public void stream(List<Manifest> manifests, Writer out) {
        try {
            for (Manifest m : manifests) {
                out.write(document(m));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One object: separator, source comment and block YAML. */
    public String document(Manifest m) {
        return "---\n# Source: " + m.sourcePath() + "\n" + yaml.write(m.object());
    }

    /**
     * Writes one file per object under {@code dir}: {@code SOURCE_PATH_WITHOUT_EXTENSION/KIND-NAME.yaml}.
     * Replaces {@code dir} only when it is missing, empty, or an earlier osk output folder.
     */
    public void directory(List<Manifest> manifests, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        checkReplaceable(target);
        Path parent = target.getParent();
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".new-");
            Set<String> used = new HashSet<>();
            for (Manifest m : manifests) {
                Path file = tmp.resolve(fileName(m, used));
                Files.createDirectories(file.getParent());
                Files.writeString(file, document(m), StandardCharsets.UTF_8);
            }
            Files.writeString(tmp.resolve(MARKER), "written by osk render --output-dir; safe to replace\n",
                    StandardCharsets.UTF_8);
            if (Files.exists(target)) {
                old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.delete(old);
                move(target, old);
            }
            move(tmp, target);
            tmp = null;
            if (old != null) {
                deleteTree(old);
                old = null;
            }
        } catch (IOException e) {
            throw new OskException("cannot write --output-dir " + dir + ": " + e.getMessage());
        } finally {
            try {
                if (tmp != null) {
                    deleteTree(tmp);
                }
                if (old != null && !Files.exists(target)) {
                    move(old, target);
                }
            } catch (IOException ignored) {
                // best effort: the original folder is either back in place or still at its aside name
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

    private static void checkReplaceable(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new OskException("--output-dir " + target + " exists and is not a folder");
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent() && !Files.exists(target.resolve(MARKER))) {
                throw new OskException("--output-dir " + target + " is not empty and was not written by osk;"
                        + " refusing to replace it");
            }
        } catch (IOException e) {
            throw new OskException("cannot read --output-dir " + target + ": " + e.getMessage());
        }
    }

    static String fileName(Manifest m, Set<String> used) {
        String src = m.sourcePath();
        int dot = src.lastIndexOf('.');
        String base = dot > src.lastIndexOf('/') ? src.substring(0, dot) : src;
        String name = m.name() == null ? "unnamed" : m.name().replaceAll("[^A-Za-z0-9._-]", "_");
        String stem = base + "/" + m.kind().toLowerCase(Locale.ROOT) + "-" + name;
        String candidate = stem + ".yaml";
        int n = 2;
        while (!used.add(candidate)) {
            candidate = stem + "-" + n++ + ".yaml";
        }
        return candidate;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
