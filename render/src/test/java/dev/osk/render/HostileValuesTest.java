package dev.osk.render;

import static dev.osk.render.testing.TestCharts.find;
import static dev.osk.render.testing.TestCharts.map;
import static dev.osk.render.testing.TestCharts.setJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.testing.Json;
import dev.osk.render.testing.TestCharts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README "Templates": a value inserted with {@code {{name}}} reads back as exactly itself in every YAML context
 * (plain, single- and double-quoted, flow, block, keys, block scalars, comments), or the render fails at the tag;
 * it never adds keys, items or documents. Every context is tried with values written to break out of it.
 */
class HostileValuesTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
        fx.chart("app", "app");
    }

    /** Values that try to end the scalar they are put in, or to start something else. */
    static List<String> hostile() {
        List<String> v = new ArrayList<>(List.of(
                "x', evil: 'y", "x\", evil: \"y", "x, evil: y", "x}, evil: {y", "x], evil: [y", "x\nevil: y",
                "x\n  evil: y", "x #c", "#c", "a: b", "a:", ":", "{a: b}", "[a]", "a,b", "&anchor", "*alias",
                "!!binary x", "!tag", "%YAML", "@x", "`x", "|", ">", "- x", "-", "? x", "'", "\"", "''", "\\",
                "\\\"", "\" \\", " lead", "trail ", " ", "  ", "\t", "x\ty", "a\u2028evil: y", "a\u2029evil: y",
                "a\u0085evil: y", "a\revil: y", "a\r\nevil: y", "\u001b[31mred\u001b[0m", "nul\u0000", "bell\u0007",
                "del\u007f", "c1\u009b", "---", "...", "--- x", "... x", "x\n---\nkind: Secret", "x\n...\n",
                "\n", "multi\nline\n", "  indented\nsecond", "\ufeffbom", "\u202eevil", "ünï 日本 😀"));
        v.addAll(Json.trickyStrings());
        return v;
    }

    /**
     * A template context: a ConfigMap whose {@code data.k} holds {@code {{v}}} in some YAML construct, what
     * {@code data} must read back as, and whether every value must fit (true: no error is acceptable).
     */
    record Context(String name, String dataLines, Function<String, Map<String, Object>> expected, boolean total) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, Object> k(Object v) {
        return map("k", v);
    }

    static List<Context> contexts() {
        return List.of(
                new Context("block value", "k: {{v}}", s -> k(s), true),
                new Context("block value with comment", "k: {{v}} # note", s -> k(s), true),
                new Context("block sequence item", "k:\n- {{v}}", s -> k(List.of(s)), true),
                new Context("block key", "{{v}}: x", s -> map(s, "x"), false),
                new Context("flow sequence item", "k: [{{v}}, end]", s -> k(List.of(s, "end")), true),
                new Context("flow map value", "k: {a: {{v}}, b: end}", s -> k(map("a", s, "b", "end")), true),
                new Context("flow map key", "k: { {{v}}: x }", s -> k(map(s, "x")), false),
                new Context("double-quoted with text", "k: \"pre {{v}} post\"", s -> k("pre " + s + " post"), true),
                new Context("double-quoted, continuation line", "k: \"pre\n  {{v}} post\"",
                        s -> k(s.isEmpty() ? "pre post" : "pre " + s + " post"), true),
                new Context("single-quoted with text", "k: 'pre {{v}} post'", s -> k("pre " + s + " post"), false),
                new Context("single-quoted alone", "k: '{{v}}'", s -> k(s), false),
                new Context("plain with text around", "k: pre-{{v}}-post", s -> k("pre-" + s + "-post"), false),
                new Context("plain, value first", "k: {{v}}-post", s -> k(s + "-post"), false),
                new Context("plain, value last", "k: pre {{v}}", s -> k(s.isEmpty() ? "pre" : "pre " + s), false),
                new Context("plain, continuation line", "k: pre\n  {{v}} post",
                        s -> k(s.isEmpty() ? "pre post" : "pre " + s + " post"), false),
                new Context("plain in a flow sequence", "k: [pre-{{v}}, end]", s -> k(List.of("pre-" + s, "end")),
                        false),
                new Context("plain key with text", "pre-{{v}}: x", s -> map("pre-" + s, "x"), false),
                new Context("literal block scalar", "k: |\n  pre {{v}} post", s -> k("pre " + s + " post\n"),
                        false),
                new Context("literal block scalar (kept), value first", "k: |+\n  {{v}}", s -> k(s + "\n"), false),
                new Context("folded block scalar", "k: >\n  pre {{v}} post", s -> k("pre " + s + " post\n"), false),
                new Context("comment", "k: x # {{v}}", s -> k("x"), true),
                new Context("comment line", "# {{v}}\nk: x", s -> k("x"), true));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Context c : contexts()) {
            for (String s : hostile()) {
                out.add(Arguments.of(c, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {index}")
    @MethodSource("cases")
    void aValueReadsBackExactlyOrTheRenderFailsAtTheTag(Context c, String s) {
        String template = TestCharts.configMap("t", c.dataLines() + "\nlast: end");
        fx.write("app/templates/t.yaml", template);
        Map<String, Object> expected = new LinkedHashMap<>(c.expected().apply(s));
        expected.put("last", "end");
        List<Manifest> out;
        try {
            out = fx.render("app", setJson("v=" + Json.string(s)));
        } catch (OskException e) {
            assertThat(c.total()).as("%s must hold %s, failed: %s", c, Json.string(s), e.getMessage()).isFalse();
            int line = tagLine(template);
            assertThat(e.getMessage()).as(Json.string(s))
                    .startsWith("app/templates/t.yaml:" + line + ":")
                    .contains("value of 'v' ");
            assertThat(e.getMessage()).doesNotContain("\n");
            return;
        }
        assertThat(out).as(Json.string(s)).hasSize(1);
        Map<String, Object> obj = find(out, "ConfigMap", "t").object();
        assertThat(obj).as(Json.string(s)).containsOnlyKeys("apiVersion", "kind", "metadata", "data");
        assertThat(obj.get("data")).as(Json.string(s)).isEqualTo(expected);
    }

    private static int tagLine(String template) {
        String[] lines = template.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("{{v}}")) {
                return i + 1;
            }
        }
        throw new AssertionError("no tag");
    }

    @Test
    void aQuoteInAValueCannotAddAKeyToASingleQuotedScalar() {
        fx.write("app/templates/t.yaml", TestCharts.configMap("t", "e: 'pre {{e}} post'"));
        List<Manifest> out = fx.render("app", setJson("e=" + Json.string("x', evil: 'y")));
        assertThat(find(out, "ConfigMap", "t").object().get("data")).isEqualTo(map("e", "pre x', evil: 'y post"));
    }

    @Test
    void aValueThatCannotBeHeldExactlyIsAnErrorAtTheTag() {
        fx.write("app/templates/t.yaml", TestCharts.configMap("t", "e: [pre-{{e}}]"));
        assertThatThrownBy(() -> fx.render("app", setJson("e=" + Json.string("x, evil: y"))))
                .isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:6:11: value of 'e' ")
                .hasMessageContaining("','");
    }
}
