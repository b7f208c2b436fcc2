package dev.osk.render.chart;

import dev.osk.render.ControlCharacters;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.TextInput;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The files of one chart folder, as osk reads and packs them. Everything stays inside the folder: a symbolic link
 * that points inside it is followed (the link reads as its target, a linked folder as its files), a link that
 * points outside it, or into a loop, is an error that names the link. A file or folder name with a control
 * character (a line break, an escape sequence) is an error too, so chart paths never carry them into comments,
 * file names or reports.
 */
public final class ChartFolder {
    private final Path root;
    private final Function<Path, String> display;

    /** @param root the chart folder, a real path (no links in it) */
    ChartFolder(Path root, Function<Path, String> display) {
        this.root = root;
        this.display = display;
    }

    /** The chart folder of {@code chart}. */
    public static ChartFolder of(Chart chart, Function<Path, String> display) {
        return new ChartFolder(chart.dir(), display);
    }

    /** The chart folder {@code dir}, a real path (no links in it), without loading the chart. */
    public static ChartFolder at(Path dir, Function<Path, String> display) {
        return new ChartFolder(dir, display);
    }

    public Path root() {
        return root;
    }

    /**
     * Checks {@code file}, a path below the chart folder (it need not exist), and returns whether it exists (as a
     * regular file or a folder, after following links that stay inside).
     */
    public boolean exists(Path file) {
        return check(file) != null;
    }

    /** Checks the path as {@link #exists} does and returns its real path, or null when nothing is there. */
    Path check(Path file) {
        Path rel = root.relativize(file.normalize());
        if (rel.startsWith("..")) {
            throw new IllegalArgumentException(file + " is not below " + root);
        }
        Path at = root;
        for (Path part : rel) {
            if (part.toString().isEmpty()) {
                continue;
            }
            at = at.resolve(part.toString());
            checkName(at);
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            if (Files.isSymbolicLink(at)) {
                at = target(at);
                if (at == null) {
                    return null;
                }
            }
        }
        return at;
    }

    /**
     * The regular files below {@code dir} (a folder of the chart, itself checked), sorted by path; files and
     * folders for which {@code skip} is true are left out (and not checked). Links are followed as the class describes; the paths returned are
     * the paths below {@code dir} (through the links), never the links' targets.
     */
    public List<Path> files(Path dir, Predicate<Path> skip) {
        List<Path> out = new ArrayList<>();
        Path real = check(dir);
        if (real == null || !Files.isDirectory(real)) {
            return out;
        }
        Set<Path> chain = new HashSet<>();
        chain.add(real);
        walk(dir, real, skip, chain, out);
        out.sort(null);
        return out;
    }

    private void walk(Path dir, Path realDir, Predicate<Path> skip, Set<Path> chain, List<Path> out) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                entries.add(p);
            }
        } catch (IOException e) {
            throw new OskException(Location.of(display.apply(dir)), "cannot list the folder: " + e.getMessage());
        }
        entries.sort(null);
        for (Path p : entries) {
            if (skip.test(p)) {
                continue;
            }
            checkName(p);
            BasicFileAttributes attrs;
            Path real = p;
            try {
                attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isSymbolicLink()) {
                    real = target(p);
                    if (real == null) {
                        continue; // a dangling link holds nothing
                    }
                    attrs = Files.readAttributes(real, BasicFileAttributes.class);
                }
            } catch (IOException e) {
                throw new OskException(Location.of(display.apply(p)), "cannot read: " + e.getMessage());
            }
            if (attrs.isDirectory()) {
                if (!chain.add(real)) {
                    throw new OskException(Location.of(display.apply(p)), "link to '" + display.apply(real)
                            + "' makes a loop (it points at a folder that holds it)");
                }
                walk(p, real, skip, chain, out);
                chain.remove(real);
            } else if (attrs.isRegularFile()) {
                out.add(p);
            } else {
                throw new OskException(Location.of(display.apply(p)), "is " + TextInput.type(real).text
                        + "; a chart holds only regular files and folders");
            }
        }
    }

    /** The real target of the link {@code link}, which must lie inside the chart folder; null when dangling. */
    private Path target(Path link) {
        Path real;
        try {
            real = link.toRealPath();
        } catch (IOException e) {
            return null;
        }
        if (!real.startsWith(root)) {
            throw outside(link, real);
        }
        return real;
    }

    private OskException outside(Path link, Path real) {
        return new OskException(Location.of(display.apply(link)), "symbolic link to '" + real
                + "' leaves the chart folder " + display.apply(root) + "; links in a chart may point only inside it");
    }

    private void checkName(Path p) {
        String name = p.getFileName().toString();
        if (ControlCharacters.any(name)) {
            throw new OskException(Location.of(display.apply(p)), "file name holds a control character ('"
                    + ControlCharacters.escape(name) + "'); chart file and folder names must be printable");
        }
    }
}
