package dev.osk.render;

import static dev.osk.render.testing.TestCharts.data;
import static dev.osk.render.testing.TestCharts.find;
import static dev.osk.render.testing.TestCharts.map;
import static dev.osk.render.testing.TestCharts.set;
import static dev.osk.render.testing.TestCharts.setJson;
import static dev.osk.render.testing.TestCharts.setString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestWriter;
import dev.osk.render.testing.Json;
import dev.osk.render.testing.TestCharts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** README "Templates": YAML-safe insertion, raw insertion, sections, partials, standalone lines. */
class TemplateTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
        fx.chart("app", "app");
    }

    private List<Manifest> render(String template, dev.osk.render.values.ValueSource... sources) {
        fx.write("app/templates/t.yaml", template);
        return fx.render("app", sources);
    }

    static Stream<String> tricky() {
        return Json.trickyStrings().stream();
    }

    @ParameterizedTest
    @MethodSource("tricky")
    void aStringReadsBackExactlyWhereverItStandsAlone(String s) {
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rt
                data:
                  v: {{v}}
                  nested:
                    deeper: {{v}}
                top: {{v}}
                list:
                - {{v}}
                - k: {{v}}
                flow: [{{v}}, end]
                flowmap: {k: {{v}}, z: end}
                """, setJson("v=" + Json.string(s)));
        Map<String, Object> obj = find(out, "ConfigMap", "rt").object();
        assertThat(obj.get("data")).isEqualTo(map("v", s, "nested", map("deeper", s)));
        assertThat(obj.get("top")).isEqualTo(s);
        assertThat(obj.get("list")).isEqualTo(List.of(s, map("k", s)));
        assertThat(obj.get("flow")).isEqualTo(List.of(s, "end"));
        assertThat(obj.get("flowmap")).isEqualTo(map("k", s, "z", "end"));
    }

    static Stream<String> trickySingleLine() {
        return Json.trickyStrings().stream().filter(s -> s.indexOf('\n') < 0);
    }

    static Stream<String> trickyMultiLine() {
        return Json.trickyStrings().stream().filter(s -> s.indexOf('\n') >= 0);
    }

    @ParameterizedTest
    @MethodSource("trickySingleLine")
    void aStringFollowedByAnEndOfLineCommentReadsBackExactly(String s) {
        commentAfterValue(s);
    }

    @ParameterizedTest
    @MethodSource("trickyMultiLine")
    void aMultiLineStringFollowedByAnEndOfLineCommentReadsBackExactly(String s) {
        commentAfterValue(s);
    }

    private void commentAfterValue(String s) {
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rt
                data:
                  v: {{v}} # the value
                  w: {{v}}
                  end: x
                """, setJson("v=" + Json.string(s)));
        assertThat(data(out, "rt")).isEqualTo(map("v", s, "w", s, "end", "x"));
    }

    @ParameterizedTest
    @MethodSource("trickyMultiLine")
    void aMultiLineStringOnTheLastLineOfATemplateReadsBackExactly(String s) {
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rt
                data:
                  last: {{v}}
                """, setJson("v=" + Json.string(s)));
        assertThat(data(out, "rt")).isEqualTo(map("last", s));
    }

    @ParameterizedTest
    @MethodSource("trickyMultiLine")
    void aMultiLineStringOnTheLastLineOfADocumentReadsBackExactly(String s) {
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rt
                data:
                  last: {{v}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: next
                """, setJson("v=" + Json.string(s)));
        assertThat(data(out, "rt")).isEqualTo(map("last", s));
    }

    @Test
    void numbersBooleansMapsAndListsKeepTheirType() {
        List<Manifest> out = render(TestCharts.configMap("t", """
                int: {{i}}
                big: {{big}}
                neg: {{neg}}
                dec: {{dec}}
                bool: {{b}}
                map: {{m}}
                list: {{l}}
                empty: {{e}}
                inList: [{{i}}, {{b}}]"""),
                set("i=42,neg=-5,big=12345678901234567890,b=false"), setJson("dec=1.10"),
                setJson("m={\"a\":1,\"yes\":\"no\",\"n\":{\"l\":[1,\"0755\",null,true]}}"),
                setJson("l=[\"x\",2,{\"k\":\"v\"},[]]"), setJson("e={}"));
        Map<String, Object> d = data(out, "t");
        assertThat(d.get("int")).isEqualTo(42L);
        assertThat(d.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(d.get("neg")).isEqualTo(-5L);
        assertThat(d.get("dec")).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) d.get("dec")).compareTo(new BigDecimal("1.1"))).isZero();
        assertThat(d.get("bool")).isEqualTo(false);
        assertThat(d.get("map")).isEqualTo(map("a", 1L, "yes", "no", "n", map("l", Arrays.asList(1L, "0755", null, true))));
        assertThat(d.get("list")).isEqualTo(List.of("x", 2L, map("k", "v"), List.of()));
        assertThat(d.get("empty")).isEqualTo(Map.of());
        assertThat(d.get("inList")).isEqualTo(List.of(42L, false));
    }

    @Test
    void anEscapedDotNamesAKeyThatHoldsADot() {
        fx.write("app/values.yaml", "conf:\n  keystone.conf: {debug: true}\n  keystone: {conf: wrong}\n");
        List<Manifest> out = render(TestCharts.configMap("t", "a: {{conf.keystone\\.conf.debug}}"));
        assertThat(data(out, "t")).containsEntry("a", true);
    }

    @Test
    void tripleBracesInsertRawText() {
        List<Manifest> out = render(TestCharts.configMap("t", """
                raw: {{{v}}}
                safe: {{v}}
                rawYes: {{{y}}}
                safeYes: {{y}}"""), setString("v=[1\\, 2],y=yes"));
        Map<String, Object> d = data(out, "t");
        assertThat(d.get("raw")).isEqualTo(List.of(1L, 2L));
        assertThat(d.get("safe")).isEqualTo("[1, 2]");
        assertThat(d.get("rawYes")).isEqualTo(true);
        assertThat(d.get("safeYes")).isEqualTo("yes");
    }

    @Test
    void nothingIsHtmlEscaped() {
        List<Manifest> out = render(TestCharts.configMap("t", "a: {{v}}\nb: {{{v}}}\nc: x{{v}}"),
                setJson("v=" + Json.string("<b>&'</b>")));
        assertThat(data(out, "t")).containsEntry("a", "<b>&'</b>").containsEntry("b", "<b>&'</b>")
                .containsEntry("c", "x<b>&'</b>");
    }

    @Test
    void valuesThatLookLikeTemplatesAreNeverEvaluated() {
        List<Manifest> out = render(TestCharts.configMap("t", "a: {{v}}\nb: '{{{v}}}'\nc: \"pre {{v}}\"\nd: {{w}}"),
                setJson("v=\"{{secret}}\""), setJson("w=\"{{> partial}} {{#s}}x{{/s}}\""), set("secret=leaked"));
        assertThat(data(out, "t")).containsEntry("a", "{{secret}}").containsEntry("b", "{{secret}}")
                .containsEntry("c", "pre {{secret}}")
                .containsEntry("d", "{{> partial}} {{#s}}x{{/s}}");
    }

    @Test
    void embeddedValuesGoInAsText() {
        List<Manifest> out = render(TestCharts.configMap("t", """
                image: {{registry}}/{{name}}:{{tag}}
                name: app-{{n}}
                port: "{{p}}"
                url: http://{{host}}:{{p}}/v3"""),
                set("registry=quay.io,name=keystone,tag=2024.1,n=1,p=5000,host=keystone-api"));
        assertThat(data(out, "t")).containsEntry("image", "quay.io/keystone:2024.1").containsEntry("name", "app-1")
                .containsEntry("port", "5000").containsEntry("url", "http://keystone-api:5000/v3");
    }

    @Test
    void embeddedValuesAreEscapedInsideQuotedScalars() {
        String v = "say \"hi\" \\o/ it's";
        List<Manifest> out = render(TestCharts.configMap("t", """
                dq: "x-{{v}}-y"
                sq: 'x-{{v}}-y'
                dqNl: "x-{{nl}}\""""), setJson("v=" + Json.string(v)), setJson("nl=\"a\\nb\""));
        assertThat(data(out, "t")).containsEntry("dq", "x-" + v + "-y").containsEntry("sq", "x-" + v + "-y")
                .containsEntry("dqNl", "x-a\nb");
    }

    @Test
    void aMultiLineValueInsideOtherTextIsAnErrorAtTheTag() {
        fx.write("app/templates/t.yaml", TestCharts.configMap("t", "ok: 1\nbad: pre-{{v}}"));
        assertThatThrownBy(() -> fx.render("app", setJson("v=\"a\\nb\"")))
                .isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:7:12: ");
    }

    @Test
    void multiLineStringsReadBackInsideIndentedBlocksAndPartials() {
        fx.write("app/templates/_block.yaml", "inner:\n  text: {{script}}\n");
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                data:
                  a:
                    b:
                      c: {{script}}
                  list:
                    - {{script}}
                    - k: {{script}}
                  part:
                    {{> block}}
                """, setJson("script=\"#!/bin/sh\\nset -e\\n  indented: yes\\n\\nexec \\\"$@\\\"\\n\""));
        String script = "#!/bin/sh\nset -e\n  indented: yes\n\nexec \"$@\"\n";
        Map<String, Object> d = data(out, "t");
        assertThat(d.get("a")).isEqualTo(map("b", map("c", script)));
        assertThat(d.get("list")).isEqualTo(List.of(script, map("k", script)));
        assertThat(d.get("part")).isEqualTo(map("inner", map("text", script)));
    }

    @Test
    void templateTextIsReadTheWayKubectlReadsIt() {
        List<Manifest> out = render(TestCharts.configMap("t", "a: yes\nb: on\nc: 0755\nd: \"yes\"\ne: 1.10"));
        Map<String, Object> d = data(out, "t");
        assertThat(d.get("a")).isEqualTo(true);
        assertThat(d.get("b")).isEqualTo(true);
        assertThat(d.get("c")).isEqualTo(493L);
        assertThat(d.get("d")).isEqualTo("yes");
    }

    @Test
    void sectionsFollowMustacheTruthiness() {
        List<Manifest> out = render(TestCharts.configMap("t", """
                {{#t}}
                t: shown
                {{/t}}
                {{#f}}
                f: shown
                {{/f}}
                {{#s}}
                s: shown
                {{/s}}
                {{#l}}
                l: shown
                {{/l}}
                {{#m}}
                m: shown
                {{/m}}
                {{#z}}
                z: shown
                {{/z}}
                {{^f}}
                notF: shown
                {{/f}}
                {{^m}}
                notM: shown
                {{/m}}
                {{^full}}
                notFull: shown
                {{/full}}"""), set("t=true,f=false,s=,z=0,full=x"), setJson("l=[]"), setJson("m={}"));
        assertThat(data(out, "t")).containsOnlyKeys("t", "notF", "notM", "z");
    }

    @Test
    void aListRepeatsTheSection() {
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                items:
                {{#items}}
                - {{.}}
                {{/items}}
                ports:
                {{#ports}}
                - name: {{name}}
                  port: {{port}}
                {{/ports}}
                """, setJson("items=[\"a\",\"yes\",3]"), setJson("ports=[{\"name\":\"http\",\"port\":80},"
                        + "{\"name\":\"https\",\"port\":443}]"));
        Map<String, Object> obj = find(out, "ConfigMap", "t").object();
        assertThat(obj.get("items")).isEqualTo(List.of("a", "yes", 3L));
        assertThat(obj.get("ports")).isEqualTo(List.of(map("name", "http", "port", 80L),
                map("name", "https", "port", 443L)));
    }

    @Test
    void standaloneTagLinesLeaveNoBlankLines() {
        fx.write("app/templates/_snippet.yaml", "p1\np2\n");
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                data:
                  script: |
                    first
                    {{#on}}
                    on-line
                    {{/on}}
                    {{^on}}
                    off-line
                    {{/on}}
                    {{! a comment on its own line }}
                    {{#off}}
                    never
                    {{/off}}
                    {{> snippet}}
                    last
                """, set("on=true,off=false"));
        assertThat(data(out, "t").get("script")).isEqualTo("first\non-line\np1\np2\nlast\n");
    }

    @Test
    void aStandalonePartialIsIndentedLikeItsTagOnEveryLine() {
        fx.write("app/templates/_labels.yaml", """
                app: {{name}}
                tier: web
                {{> extra}}
                """);
        fx.write("app/templates/_extra.yaml", """
                nested:
                  deep: {{name}}
                """);
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                  labels:
                    {{> labels}}
                spec:
                  template:
                    metadata:
                      labels:
                        {{> labels}}
                """, set("name=keystone"));
        Map<String, Object> obj = find(out, "ConfigMap", "t").object();
        Map<String, Object> labels = map("app", "keystone", "tier", "web", "nested", map("deep", "keystone"));
        assertThat(((Map<?, ?>) obj.get("metadata")).get("labels")).isEqualTo(labels);
        assertThat(obj.get("spec")).isEqualTo(map("template", map("metadata", map("labels", labels))));
    }

    @Test
    void partialNamesFollowTheirPathUnderTemplates() {
        fx.write("app/templates/lib/_probe.yaml", "probe: lib\n");
        fx.write("app/templates/helpers.tpl", "helpers: tpl\n");
        fx.write("app/templates/_labels.yaml", "labels: underscore\n");
        List<Manifest> out = render(TestCharts.configMap("t", "{{> lib/probe}}\n{{> helpers}}\n{{> labels}}"));
        assertThat(out).hasSize(1);
        assertThat(data(out, "t")).isEqualTo(map("probe", "lib", "helpers", "tpl", "labels", "underscore"));
    }

    @Test
    void partialsComeFromTheChartThenItsLibrariesAndUseTheIncludersValues() {
        fx.chart("lib", "lib", "type: library");
        fx.write("lib/values.yaml", "global: {tier: from-lib}\n");
        fx.write("lib/templates/_labels.yaml", "owner: lib\nname: {{osk.scope.key}}\ntier: {{tier}}\nx: {{x}}\n");
        fx.write("lib/templates/_shadowed.yaml", "shadowed: lib\n");
        fx.chart("app", "app", "dependencies:", "  - name: worker", "  - name: lib", "    path: ../lib");
        fx.write("app/templates/_shadowed.yaml", "shadowed: app\n");
        fx.write("app/values.yaml", "x: app\nworker: {x: worker}\n");
        fx.write("app/templates/t.yaml", TestCharts.configMap("app", "{{> labels}}\n{{> shadowed}}"));
        fx.chart("app/charts/worker", "worker", "dependencies:", "  - name: lib", "    path: ../../../lib");
        fx.write("app/charts/worker/templates/t.yaml", TestCharts.configMap("worker", "{{> labels}}"));
        List<Manifest> out = fx.render("app");
        assertThat(data(out, "app")).isEqualTo(map("owner", "lib", "name", "app", "tier", "from-lib", "x", "app",
                "shadowed", "app"));
        assertThat(data(out, "worker")).isEqualTo(map("owner", "lib", "name", "worker", "tier", "from-lib",
                "x", "worker"));
    }

    @Test
    void librariesAreSearchedBreadthFirst() {
        // app -> lib1 -> lib3 and app -> lib2: lib2 (one step away) is searched before lib3 (two steps away)
        fx.chart("app", "app", "dependencies:", "  - name: lib1", "    path: ../lib1", "  - name: lib2",
                "    path: ../lib2");
        fx.chart("lib1", "lib1", "type: library", "dependencies:", "  - name: lib3", "    path: ../lib3");
        fx.chart("lib2", "lib2", "type: library");
        fx.chart("lib3", "lib3", "type: library");
        fx.write("lib2/templates/_p.yaml", "from: lib2\n");
        fx.write("lib3/templates/_p.yaml", "from: lib3\n");
        fx.write("lib3/templates/_deep.yaml", "deep: lib3\n");
        List<Manifest> out = render(TestCharts.configMap("t", "{{> p}}\n{{> deep}}"));
        assertThat(data(out, "t")).isEqualTo(map("from", "lib2", "deep", "lib3"));
    }

    @Test
    void aMissingPartialIsAnErrorAtTheTag() {
        fx.write("app/templates/t.yaml", TestCharts.configMap("t", "a: b\n{{> nope}}"));
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:7:3: ").hasMessageContaining("nope");
    }

    @Test
    void commentsNeverReachTheOutput() {
        List<Manifest> out = render("""
                # a template comment
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t # trailing
                {{! a mustache comment }}
                data:
                  a: b # another
                """);
        String text = new ManifestWriter().stream(out);
        assertThat(text).doesNotContain("comment").doesNotContain("trailing").doesNotContain("another");
        assertThat(data(out, "t")).isEqualTo(map("a", "b"));
    }

    @Test
    void emptyDocumentsAreDroppedAndEachDocumentIsAnObject() {
        List<Manifest> out = render("""
                ---
                {{#none}}
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: never}
                {{/none}}
                ---
                # only a comment
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: one}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: two}
                ---
                """, set("none=false"));
        assertThat(out).extracting(Manifest::name).containsExactly("one", "two");
        assertThat(out).extracting(Manifest::index).containsExactly(0, 1);
    }

    @Test
    void aDocumentWithoutKindOrNotAMapIsAnError() {
        fx.write("app/templates/t.yaml", "apiVersion: v1\nmetadata: {name: x}\n");
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:").hasMessageContaining("kind");
        fx.write("app/templates/t.yaml", "- just\n- a list\n");
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:");
    }

    @Test
    void invalidRenderedYamlPointsAtTheTemplateLine() {
        // the section adds rendered lines, so the rendered line number differs from the template line number
        fx.write("app/templates/t.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                data:
                  {{#items}}
                  {{.}}: x
                  {{/items}}
                  bad: {{{v}}}
                """);
        assertThatThrownBy(() -> fx.render("app", setJson("items=[\"a\",\"b\",\"c\"]"), setString("v=a: b")))
                .isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:9:")
                .hasMessageContaining("bad: a: b");
    }

    @Test
    void errorsInSeveralTemplatesAreAllReported() {
        fx.write("app/templates/a.yaml", TestCharts.configMap("a", "x: {{one}}"));
        fx.write("app/templates/b.yaml", TestCharts.configMap("b", "y: {{two}}"));
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .satisfies(e -> assertThat(((OskException) e).lines()).containsExactly(
                        "app/templates/a.yaml:6:6: no value for 'one' (looked in (top level), global)",
                        "app/templates/b.yaml:6:6: no value for 'two' (looked in (top level), global)"));
    }
}
