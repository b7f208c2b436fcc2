package dev.osk.render.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osk.render.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Where a finding points: for text the fast reader reads, the location it records for a JSON pointer is the one
 * SnakeYAML's parse tree gives, for every node of real rendered output (the kit goldens) and of the validation
 * corpus, and for children that are not there (a finding on a missing field points at the nearest node).
 */
class FastLocationsTest {
    private static final Path REPO = Path.of(System.getProperty("osk.repo", "..")).toAbsolutePath().normalize();

    private static void pointers(Object value, String at, List<String> out) {
        out.add(at);
        out.add(JsonPointer.append(at, "notThere"));
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pointers(e.getValue(), JsonPointer.append(at, String.valueOf(e.getKey())), out);
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                pointers(l.get(i), JsonPointer.append(at, i), out);
            }
            out.add(JsonPointer.append(at, l.size()));
        }
    }

    /** The number of documents the fast reader read, after checking every pointer of each. */
    private static int check(String text, String name) {
        YamlReader reader = new YamlReader(YamlSchema.KUBE);
        List<YamlDocument> docs;
        try {
            docs = reader.readAllLazily(text, name);
        } catch (RuntimeException e) {
            return 0; // not YAML the reader takes (some corpus files are broken on purpose)
        }
        int fast = 0;
        for (int i = 0; i < docs.size(); i++) {
            YamlDocument doc = docs.get(i);
            List<String> all = new ArrayList<>();
            pointers(doc.value(), "", all);
            for (String p : all) {
                if (p.isEmpty()) {
                    continue;
                }
                Location expected = doc.snakeWalk(p);
                assertEquals(expected, doc.locate(p), name + " document " + i + " pointer " + p);
            }
            if (doc.fastLocated()) {
                fast++;
            }
        }
        return fast;
    }

    private static List<Path> files(Path dir, String glob) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName()))
                    .sorted().toList();
        }
    }

    @Test
    void kitRendersAndCorpusLocateAsSnakeYaml() throws IOException {
        int docs = 0;
        List<Path> inputs = new ArrayList<>();
        for (Path kit : files(REPO.resolve("test-fixtures/cases"), "stdout")) {
            if (kit.getParent().getFileName().toString().startsWith("kit-")) {
                inputs.add(kit);
            }
        }
        inputs.addAll(files(REPO.resolve("test-fixtures/validate"), "*.yaml"));
        for (Path f : inputs) {
            docs += check(Files.readString(f, StandardCharsets.UTF_8), f.toString());
        }
        assertTrue(docs > 300, "documents checked: " + docs);
    }

    @Test
    void flowCollectionsEmptyValuesAndCommentsLocateAsSnakeYaml() {
        String text = "# a comment\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    # labels\n"
                + "    a: b\n  annotations:\nspec:\n  containers:\n  - name: c\n    args: [\"--x\", y]\n"
                + "    env: [{name: A, value: b}]\n    command:\n    - sh\n    -   -c\n    script: |\n      echo\n"
                + "  volumes:\n  - name: v\n    emptyDir: {}\n---\n- a\n- k: v\n  l:\n  - m\n";
        assertEquals(2, check(text, "t.yaml"));
    }
}
