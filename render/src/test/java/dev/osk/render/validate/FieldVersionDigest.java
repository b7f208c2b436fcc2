package dev.osk.render.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code test-fixtures/validate/versions/fields.txt} as {@code fields.sh} writes it: the Kubernetes minors that a
 * fabric8 model release was built from ({@code R minor release} lines) and, for each field a later release added to
 * a model type, the first minor whose release has it ({@code type field minor}).
 */
final class FieldVersionDigest {
    /** The minors a release maps, oldest first. */
    private final List<Integer> minors = new ArrayList<>();
    /** The releases, oldest first. */
    private final List<String> releases = new ArrayList<>();
    /** "type field" to the first minor whose release has it. */
    private final Map<String, Integer> first = new HashMap<>();

    private FieldVersionDigest() {
    }

    static FieldVersionDigest read(Path file) {
        FieldVersionDigest d = new FieldVersionDigest();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split(" ");
                if (p[0].equals("R")) {
                    d.minors.add(minor(p[1]));
                    d.releases.add(p[2]);
                } else {
                    d.first.put(p[0] + " " + p[1], minor(p[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    private static int minor(String version) {
        if (!version.startsWith("1.")) {
            throw new IllegalStateException("fields.txt: not a Kubernetes 1.x version: " + version);
        }
        return Integer.parseInt(version.substring(2));
    }

    /**
     * Which version added field {@code field} of model type {@code type}: {@code 1.N}, or {@code 1.N-1.M} when the
     * minors before 1.M back to 1.N have no release to tell; null when no release after the oldest added it.
     */
    String added(String type, String field) {
        Integer m = first.get(type + " " + field);
        return m == null ? null : span(m);
    }

    /** The newest release read, the one the others were compared with. */
    String newestRelease() {
        return releases.get(releases.size() - 1);
    }

    /** The version that added a field the oldest release's minor lacks but every release has. */
    String afterOldest() {
        return span(minors.get(1));
    }

    private String span(int minor) {
        int i = minors.indexOf(minor);
        if (i < 0) {
            throw new IllegalStateException("fields.txt: 1." + minor + " has no R line");
        }
        int earliest = i == 0 ? minor : minors.get(i - 1) + 1;
        return earliest == minor ? "1." + minor : "1." + earliest + "-1." + minor;
    }
}
