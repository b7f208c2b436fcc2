package dev.osk.render.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.osk.render.Location;
import dev.osk.render.OskException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** The fast reader of rendered documents reads plain block YAML as SnakeYAML does, and gives up on the rest. */
class PlainBlockReaderTest {
    private static List<PlainBlockReader.Doc> fast(String text) {
        Map<String, String> shared = new java.util.HashMap<>();
        return PlainBlockReader.read(text, YamlSchema.KUBE.resolver(), (tag, v) -> {
            if (tag.equals(org.yaml.snakeyaml.nodes.Tag.STR)) {
                return v;
            }
            if (tag.equals(org.yaml.snakeyaml.nodes.Tag.BOOL)) {
                return YamlReader.bool(v);
            }
            if (tag.equals(org.yaml.snakeyaml.nodes.Tag.INT)) {
                return YamlReader.integer(v);
            }
            if (tag.equals(org.yaml.snakeyaml.nodes.Tag.NULL)) {
                return null;
            }
            throw new IllegalArgumentException();
        }, s -> s);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: b\nc:\n  d: e\n  f:\n  - g\n  - h: i\n    j: 'k''l'\n",
        "\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  app.conf: |\n    [DEFAULT]\n\n    debug = true\n\n\n"
                + "  other: |-\n    x\n     \n    y\n   \n---\nkind: List\nitems: []\nmeta: {}\n",
        "- a\n- \"b c\"\n- [\"--config\", '/etc/x', plain, more-words]\n- k: v\n  l:\n    - m\n",
        "args: [ \"a\" , b ]\nurl: http://x/y?z=1#frag\nname: a-b.c_d/e\n  \n",
        "s: |\n  one\n  two\nt: after\n",
        "ports: [{name: mysql, port: http, protocol: TCP}, {a: 'b', c: \"d\"}]\nsel: {x-y: enabled}\ne: { }\n",
        // whole-line comments: before a document, between entries, at any indentation, after a literal block
        "# Each password is here\n# as itself\napiVersion: v1\n# between\nkind: Secret\ndata:\n  # indented\n"
                + "  a: b\n      # deeper\n  c: d\n#\n---\n# second\n- x\n  # in a list\n- z\n",
        "key:\n# before the nested map\n  nested: one\nlist:\n   # before the items\n- a\n",
        "# only a comment\n",
        "s: |\n  # part of the script\n  echo\n  ## also\n# a comment ends it\nt: |-\n  x\n\n  # comment\nu: v\n",
    })
    void readsAsSnakeYaml(String text) {
        List<PlainBlockReader.Doc> docs = fast(text);
        assertNotNull(docs, "read by the fast reader");
        List<Object> expected = new ArrayList<>();
        new Yaml().loadAll(text).forEach(expected::add);
        assertEquals(expected, docs.stream().map(PlainBlockReader.Doc::value).toList());
    }

    @Test
    void typesScalarsAsKubernetesDoesAndLeavesOutEmptyKeys() {
        List<PlainBlockReader.Doc> docs = fast("---\na: 0755\nb: yes\nc: \"yes\"\nd:\ne: null\n80: x\n---\n- 1\n- {port: 80, on: y}\n");
        assertNotNull(docs);
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("a", 493L);
        expected.put("b", true);
        expected.put("c", "yes");
        expected.put("e", null);
        expected.put("80", "x");
        Map<String, Object> flow = new java.util.LinkedHashMap<>();
        flow.put("port", 80L);
        flow.put("on", true);
        assertEquals(List.of(expected, List.of(1L, flow)), docs.stream().map(PlainBlockReader.Doc::value).toList());
        assertEquals(1, docs.get(0).line());
        assertEquals(8, docs.get(1).line());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: b # comment\n", "a: &x b\nc: *x\n", "a: !!str 1\n", "a: \"x\\ty\"\n", "a: >\n  folded\n", "a: b\n  c\n",
        "a: b\na: c\n", "a: b\n---\n", "---\n---\na: b\n", "a: b", "a: \"b\n  c\"\n", "<<: {}\n", "a: caf\u00e9\n",
        "a: [b,\n  c]\n", "a:\tb\n", "a: b\r\n", "a: |+\n  x\n", "a: |\n\n  x\n", "- - a\n", "a: b: c\n", "key\n", "a: {b: c,}\n",
        "a: {b: {c: d}}\n", "a: [{b: c]\n", "a: {b: c} d\n", "a: {b: c, b: d}\n",
        "a: b\n---\n# an empty document\n", "a: # comment\n  b: c\n",
    })
    void givesUpOnWhatItDoesNotRead(String text) {
        assertNull(fast(text));
    }

    @Test
    void errorsAndLocationsStayThoseOfSnakeYaml() {
        YamlReader reader = new YamlReader(YamlSchema.KUBE);
        OskException e = org.junit.jupiter.api.Assertions.assertThrows(OskException.class,
                () -> reader.readAllLazily("a: b\nc: d\na: e\n", "t.yaml"));
        assertEquals("duplicate key 'a'", e.getMessage().replaceAll("^.*: duplicate", "duplicate"));
        assertEquals(new Location("t.yaml", 3, 1), e.location());
        List<YamlDocument> docs = reader.readAllLazily("\n---\nkind: A\nspec:\n  x: 1\n", "t.yaml");
        assertEquals(new Location("t.yaml", 3, 1), docs.get(0).locate(""));
    }
}
