package dev.osk.render.manifest;

import dev.osk.render.ControlCharacters;
import dev.osk.render.yaml.YamlWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes manifests as one YAML stream ({@code ---} and a {@code # Source:} comment before each object) or as a
 * folder with one file per object. A folder is built beside the target and swapped in whole, so a failed write
 * never leaves a partial tree.
 */
public final class ManifestWriter {
    /** Marks a folder as osk output, which a later {@code --output-dir} may replace. */
    public static final String MARKER = OutputFolder.MARKER;

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
            // the documents are written as text on all cores, a slice at a time (so the text of a large render is
            // never all in memory at once), and printed in order
            int slice = 2048;
            for (int from = 0; from < manifests.size(); from += slice) {
                List<Manifest> part = manifests.subList(from, Math.min(manifests.size(), from + slice));
                for (String doc : dev.osk.render.Parallel.map(part, 256, this::document)) {
                    out.write(doc);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One object: separator, source comment (control characters escaped, so it stays one line) and block YAML. */
    public String document(Manifest m) {
        if (m.isWritten()) {
            return m.writtenText();
        }
        return "---\n# Source: " + ControlCharacters.escape(m.sourcePath()) + "\n" + yaml.write(m.object());
    }

    /**
     * Writes one file per object under {@code dir}: {@code SOURCE_PATH_WITHOUT_EXTENSION/KIND-NAME.yaml}.
     * Replaces {@code dir} only when it is missing, empty, or an earlier osk output folder.
     */
    public void directory(List<Manifest> manifests, Path dir) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, String> e : files(manifests).entrySet()) {
            files.put(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        files.put(MARKER, "written by osk render --output-dir; safe to replace\n".getBytes(StandardCharsets.UTF_8));
        OutputFolder.replace(dir, files, "--output-dir");
    }

    /**
     * The files {@link #directory} writes, without the marker: relative path
     * ({@code SOURCE_PATH_WITHOUT_EXTENSION/KIND-NAME.yaml}) to text, in output order.
     */
    public Map<String, String> files(List<Manifest> manifests) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Manifest m : manifests) {
            out.put(fileName(m, used), document(m));
        }
        return out;
    }

    /** The longest KIND-NAME part of a file name (file systems allow 255 bytes, with room for -N.yaml). */
    static final int MAX_FILE_STEM = 200;

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fileName(Manifest m, Set<String> used) {
        String src = ControlCharacters.escape(m.sourcePath());
        int dot = src.lastIndexOf('.');
        String base = dot > src.lastIndexOf('/') ? src.substring(0, dot) : src;
        String name = m.name() == null ? "unnamed" : m.name().replaceAll("[^A-Za-z0-9._-]", "_");
        String kind = m.kind().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        String file = kind + "-" + name;
        if (file.length() > MAX_FILE_STEM) {
            // a name longer than a file name may be (an object no API server would take): cut, and keep it unique
            file = file.substring(0, MAX_FILE_STEM - 9) + "-" + sha256(file).substring(0, 8);
        }
        String stem = base + "/" + file;
        String candidate = stem + ".yaml";
        int n = 2;
        while (!used.add(candidate)) {
            candidate = stem + "-" + n++ + ".yaml";
        }
        return candidate;
    }
}
