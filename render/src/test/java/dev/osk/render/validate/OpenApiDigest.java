package dev.osk.render.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A kube-apiserver's OpenAPI document as test-fixtures/e2e/openapi-digest.py digests it: the definition of each
 * kind, and each definition's properties with the definition each holds and whether it is required.
 */
final class OpenApiDigest {
    /** A property: the definition it holds (itself, as list items or as map values), or null; required or not. */
    record Property(String ref, boolean required) {
    }

    private final Map<String, String> kinds = new HashMap<>();
    private final Map<String, Map<String, Property>> definitions = new HashMap<>();

    private OpenApiDigest() {
    }

    static OpenApiDigest read(Path file) {
        OpenApiDigest d = new OpenApiDigest();
        Map<String, Property> current = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] p = line.trim().split(" ");
                if (line.startsWith("G ")) {
                    d.kinds.put(p[1], p[2]);
                } else if (line.startsWith("D ")) {
                    current = d.definitions.computeIfAbsent(p[1], k -> new HashMap<>());
                } else if (line.startsWith(" ") && current != null) {
                    String ref = p[1].equals("-") ? null : p[1].replaceFirst("^[am]:", "");
                    current.put(p[0], new Property(ref, p.length > 2 && p[2].equals("required")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    /** The definition of {@code apiVersion/Kind}, or null when the server does not serve it. */
    String kind(String apiVersionKind) {
        return kinds.get(apiVersionKind);
    }

    /** Whether the document describes {@code definition} by properties (a string-like type such as Time has none). */
    boolean describes(String definition) {
        return definitions.containsKey(definition);
    }

    /** Property {@code name} of {@code definition}, or null when the definition has no such property. */
    Property property(String definition, String name) {
        return definitions.getOrDefault(definition, Map.of()).get(name);
    }
}
