package dev.osk.render;

import static dev.osk.render.testing.TestCharts.data;
import static dev.osk.render.testing.TestCharts.find;
import static dev.osk.render.testing.TestCharts.map;
import static dev.osk.render.testing.TestCharts.set;
import static dev.osk.render.testing.TestCharts.setJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.testing.TestCharts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** README "Helpers": everything under the reserved osk. prefix. */
class HelpersTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
        fx.chart("app", "app", "appVersion: \"2024.1\"", "description: The app");
    }

    private List<Manifest> render(String template, dev.osk.render.values.ValueSource... sources) {
        fx.write("app/templates/t.yaml", template);
        return fx.render("app", sources);
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** INI text as (section, key, value) triples, blank lines ignored. */
    static List<List<String>> ini(String text) {
        List<List<String>> out = new ArrayList<>();
        String section = "";
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as("INI line '%s'", line).isPositive();
            out.add(List.of(section, line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
        }
        return out;
    }

    @Test
    void iniRendersSectionsListsMultistringsAndLeavesNullsOut() {
        fx.write("app/values.yaml", """
                conf:
                  keystone:
                    DEFAULT:
                      debug: true
                      log_dir: /var/log
                      workers: 4
                    database:
                      connection: mysql+pymysql://u:p@db/keystone?charset=utf8
                      max_retries: -1
                    oslo_messaging:
                      hosts: [a, b, c]
                    identity:
                      drivers: {type: multistring, values: [sql, ldap]}
                """);
        List<Manifest> out = render(TestCharts.configMap("t", "keystone.conf: {{osk.ini.conf.keystone}}"),
                set("conf.keystone.DEFAULT.log_dir=null"));
        String text = (String) data(out, "t").get("keystone.conf");
        assertThat(ini(text)).containsExactly(
                List.of("DEFAULT", "debug", "true"),
                List.of("DEFAULT", "workers", "4"),
                List.of("database", "connection", "mysql+pymysql://u:p@db/keystone?charset=utf8"),
                List.of("database", "max_retries", "-1"),
                List.of("oslo_messaging", "hosts", "a,b,c"),
                List.of("identity", "drivers", "sql"),
                List.of("identity", "drivers", "ldap"));
        assertThat(text).endsWith("\n").doesNotContain("log_dir").doesNotContain("null");
    }

    @Test
    void iniSkipsNullsInsideAMapGivenAsData() {
        // a null that survives as data (inside a list item map) is still left out of the file
        List<Manifest> out = render(TestCharts.configMap("t", """
                {{#confs}}
                c: {{osk.ini.conf}}
                {{/confs}}"""), setJson("confs=[{\"conf\":{\"s\":{\"a\":1,\"gone\":null}}}]"));
        assertThat(ini((String) data(out, "t").get("c"))).containsExactly(List.of("s", "a", "1"));
    }

    @Test
    void yamlRendersASubtreeAsBlockYamlThatReadsBack() {
        fx.write("app/values.yaml", """
                conf:
                  app:
                    name: keystone
                    flags: {debug: false, mode: "0755", answer: "yes"}
                    list: [a, "on", 3]
                    text: "line 1\\nline 2\\n"
                """);
        List<Manifest> out = render(TestCharts.configMap("t", "app.yaml: {{osk.yaml.conf.app}}"));
        String text = (String) data(out, "t").get("app.yaml");
        assertThat(text).startsWith("name: keystone\n");
        Object parsed = new Yaml().load(text);
        assertThat(parsed).isEqualTo(map("name", "keystone", "flags", map("debug", false, "mode", "0755",
                "answer", "yes"), "list", List.of("a", "on", 3), "text", "line 1\nline 2\n"));
    }

    @Test
    void jsonRendersASubtreeAsCompactJson() {
        fx.write("app/values.yaml", """
                conf:
                  policy:
                    a: 1
                    b: [true, null, "x y", "q\\"uote"]
                    c: {d: "0755"}
                """);
        List<Manifest> out = render(TestCharts.configMap("t", "policy.json: {{osk.json.conf.policy}}"));
        assertThat(data(out, "t").get("policy.json"))
                .isEqualTo("{\"a\":1,\"b\":[true,null,\"x y\",\"q\\\"uote\"],\"c\":{\"d\":\"0755\"}}");
    }

    @Test
    void joinJoinsAListWithCommas() {
        List<Manifest> out = render(TestCharts.configMap("t", "hosts: {{osk.join.hosts}}\none: {{osk.join.one}}"),
                setJson("hosts=[\"a\",\"b\",3]"), setJson("one=[\"solo\"]"));
        assertThat(data(out, "t")).containsEntry("hosts", "a,b,3").containsEntry("one", "solo");
    }

    @Test
    void entriesTurnsAMapIntoKeyValueItemsInOrder() {
        fx.write("app/values.yaml", "env:\n  ZED: last-letter\n  ALPHA: \"yes\"\n  PORT: 80\n");
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                env:
                {{#osk.entries.env}}
                - name: {{key}}
                  value: {{value}}
                {{/osk.entries.env}}
                """);
        assertThat(find(out, "ConfigMap", "t").object().get("env")).isEqualTo(List.of(
                map("name", "ZED", "value", "last-letter"), map("name", "ALPHA", "value", "yes"),
                map("name", "PORT", "value", 80L)));
    }

    @Test
    void base64AndSha256OfTheRenderedBody() throws Exception {
        String pw = "p@ss: wörd {{x}}";
        List<Manifest> out = render("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: s
                data:
                  password: {{#osk.base64}}{{{pw}}}{{/osk.base64}}
                  url: {{#osk.base64}}mysql://{{{user}}}@db/{{{pw}}}{{/osk.base64}}
                stringData:
                  hash: {{#osk.sha256}}{{{pw}}}{{/osk.sha256}}
                """, setJson("pw=\"p@ss: wörd {{x}}\""), set("user=admin"));
        Map<String, Object> obj = find(out, "Secret", "s").object();
        Base64.Encoder b64 = Base64.getEncoder();
        assertThat(obj.get("data")).isEqualTo(map(
                "password", b64.encodeToString(pw.getBytes(StandardCharsets.UTF_8)),
                "url", b64.encodeToString(("mysql://admin@db/" + pw).getBytes(StandardCharsets.UTF_8))));
        assertThat(obj.get("stringData")).isEqualTo(map("hash", sha256(pw)));
    }

    @Test
    void urlencodeLeavesOnlyUnreservedCharactersAndPercentSequences() {
        String pw = "p'@:/%41$ \\#wörd~._-";
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                data:
                  url: mysql://{{#osk.urlencode}}{{{user}}}{{/osk.urlencode}}:{{#osk.urlencode}}{{{pw}}}{{/osk.urlencode}}@db/x
                """, setJson("pw=" + dev.osk.render.testing.Json.string(pw)), set("user=a:b"));
        String url = (String) data(out, "c").get("url");
        // RFC 3986: unreserved characters stay, every other byte of the UTF-8 text is %XX with upper-case digits
        assertThat(url).isEqualTo("mysql://a%3Ab:p%27%40%3A%2F%2541%24%20%5C%23w%C3%B6rd~._-@db/x");
        String password = url.substring(url.indexOf("%3Ab:") + 5, url.indexOf("@db"));
        assertThat(java.net.URLDecoder.decode(password, StandardCharsets.UTF_8)).isEqualTo(pw);
    }

    @Test
    void osloEscapeDoublesEveryDollarSoOsloConfigReadsTheTextBack() {
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                data:
                  plain: {{#osk.base64}}{{#osk.osloEscape}}{{{a}}}{{/osk.osloEscape}}{{/osk.base64}}
                  dollars: {{#osk.base64}}{{#osk.osloEscape}}{{{b}}}{{/osk.osloEscape}}{{/osk.base64}}
                  backslash: {{#osk.base64}}{{#osk.osloEscape}}{{{c}}}{{/osk.osloEscape}}{{/osk.base64}}
                """, setJson("a=\"no dollar\""), setJson("b=\"$x ${y} $$\""), setJson("c=" + dev.osk.render.testing.Json.string("\\$a\\\\$")));
        Map<String, String> d = new java.util.HashMap<>();
        data(out, "c").forEach((k, v) -> d.put(k, new String(Base64.getDecoder().decode((String) v),
                StandardCharsets.UTF_8)));
        assertThat(d.get("plain")).isEqualTo("no dollar");
        assertThat(d.get("dollars")).isEqualTo("$$x $${y} $$$$");
        // oslo.config turns \$ into $$ before substituting: a dollar after a backslash is written \$, so that
        // the pair reads \\$ -> \$$ -> \$
        assertThat(d.get("backslash")).isEqualTo("\\\\$a\\\\\\$");
    }

    @Test
    void checksumIsTheSha256OfAnotherRenderedTemplateOfTheChart() throws Exception {
        fx.write("app/templates/configmap.yaml", TestCharts.configMap("conf", "setting: {{setting}}"));
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d
                  annotations:
                    checksum/config: {{osk.checksum.templates/configmap.yaml}}
                """;
        String sum1 = (String) ((Map<?, ?>) find(render(deployment, set("setting=one")), "Deployment", "d")
                .metadata().get("annotations")).get("checksum/config");
        assertThat(sum1).isEqualTo(sha256(TestCharts.configMap("conf", "setting: one")));
        String again = (String) ((Map<?, ?>) find(render(deployment, set("setting=one")), "Deployment", "d")
                .metadata().get("annotations")).get("checksum/config");
        String sum2 = (String) ((Map<?, ?>) find(render(deployment, set("setting=two")), "Deployment", "d")
                .metadata().get("annotations")).get("checksum/config");
        assertThat(again).isEqualTo(sum1);
        assertThat(sum2).isEqualTo(sha256(TestCharts.configMap("conf", "setting: two"))).isNotEqualTo(sum1);
    }

    @Test
    void checksumReachesASiblingAndADependencyByAlias() throws Exception {
        fx.chart("svc", "svc", "dependencies:", "  - name: conf", "    alias: config", "  - name: app");
        fx.write("svc/values.yaml", "config: {setting: from-svc}\n");
        fx.chart("svc/charts/conf", "conf");
        fx.write("svc/charts/conf/templates/configmap.yaml", TestCharts.configMap("conf", "setting: {{setting}}"));
        fx.chart("svc/charts/app", "app");
        fx.write("svc/charts/app/templates/d.yaml", TestCharts.configMap("app",
                "sum: {{osk.checksum.../config/templates/configmap.yaml}}"));
        fx.write("svc/templates/d.yaml", TestCharts.configMap("svc",
                "sum: {{osk.checksum.config/templates/configmap.yaml}}"));
        List<Manifest> out = fx.render("svc");
        String expected = sha256(TestCharts.configMap("conf", "setting: from-svc"));
        assertThat(data(out, "app").get("sum")).isEqualTo(expected);
        assertThat(data(out, "svc").get("sum")).isEqualTo(expected);
    }

    @Test
    void chartReleaseAndTemplateFacts() {
        fx.chart("top", "top", "dependencies:", "  - name: app", "    path: ../app");
        fx.write("app/templates/t.yaml", TestCharts.configMap("t", """
                chart: {{osk.chart.name}}
                version: {{osk.chart.version}}
                appVersion: {{osk.chart.appVersion}}
                description: {{osk.chart.description}}
                release: {{osk.release.name}}
                namespace: {{osk.release.namespace}}
                path: {{osk.template.path}}"""));
        List<Manifest> out = fx.render("top");
        assertThat(data(out, "t")).isEqualTo(map("chart", "app", "version", "0.1.0", "appVersion", "2024.1",
                "description", "The app", "release", "top", "namespace", "default",
                "path", "top/charts/app/templates/t.yaml"));
        List<Manifest> named = fx.render("top", new RenderOptions("rel", "ns1", true, KubeVersion.DEFAULT,
                List.of()));
        assertThat(data(named, "t")).containsEntry("release", "rel").containsEntry("namespace", "ns1");
    }

    @Test
    void kubeVersionFacts() {
        fx.write("app/templates/t.yaml", TestCharts.configMap("t", """
                version: {{osk.kube.version}}
                major: {{osk.kube.major}}
                minor: {{osk.kube.minor}}
                {{#osk.kube.atLeast.1.21}}
                has121: true
                {{/osk.kube.atLeast.1.21}}
                {{#osk.kube.atLeast.1.22}}
                has122: true
                {{/osk.kube.atLeast.1.22}}
                {{^osk.kube.atLeast.1.22}}
                below122: true
                {{/osk.kube.atLeast.1.22}}"""));
        assertThat(data(fx.render("app", TestCharts.options(null, "1.21")), "t")).isEqualTo(
                map("version", "1.21", "major", 1L, "minor", 21L, "has121", true, "below122", true));
        assertThat(data(fx.render("app"), "t")).isEqualTo(
                map("version", "1.34", "major", 1L, "minor", 34L, "has121", true, "has122", true));
    }

    @Test
    void anUnknownHelperIsAnErrorAtTheTag() {
        fx.write("app/templates/t.yaml", TestCharts.configMap("t", "a: {{osk.nope}}"));
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:6:6: ").hasMessageContaining("osk.nope");
    }

    @Test
    void helpersOnAMissingPathAreErrorsAtTheTag() {
        for (String helper : Arrays.asList("ini", "yaml", "json", "join", "entries")) {
            fx.write("app/templates/t.yaml", TestCharts.configMap("t", "a: {{osk." + helper + ".missing}}"));
            assertThatThrownBy(() -> fx.render("app")).as(helper).isInstanceOf(OskException.class)
                    .hasMessageStartingWith("app/templates/t.yaml:6:6: ");
        }
    }
}
