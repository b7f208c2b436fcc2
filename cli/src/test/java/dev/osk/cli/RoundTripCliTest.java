package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README "Templates": {{name}} inserts a value so the YAML stays valid and the value reads back exactly. Checked on
 * what osk prints, read back with SnakeYAML under both the YAML 1.1 and the YAML 1.2 core schema.
 */
class RoundTripCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
    }

    static Stream<String> tricky() {
        return Json.trickyStrings().stream();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(List<Object> docs) {
        assertThat(docs).hasSize(1);
        return (Map<String, Object>) docs.get(0);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("tricky")
    void aTrickyStringGivenWithSetJsonReadsBackExactly(String s) {
        osk.write("app/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rt
                data:
                  v: {{v}}
                top: {{v}}
                list:
                - {{v}}
                flow: [{{v}}, end]
                """);
        Osk.Result r = Osk.run("render", osk.path("app"), "--set-json", "v=" + Json.string(s));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        for (List<Object> docs : List.of(r.docs(), r.coreDocs())) {
            Map<String, Object> obj = only(docs);
            assertThat(obj.get("data")).isEqualTo(map("v", s));
            assertThat(obj.get("top")).isEqualTo(s);
            assertThat(obj.get("list")).isEqualTo(List.of(s));
            assertThat(obj.get("flow")).isEqualTo(List.of(s, "end"));
        }
    }

    @Test
    void trickyStringsAsMapKeysReadBackExactly() {
        StringBuilder json = new StringBuilder("m={");
        Map<String, Object> expected = new LinkedHashMap<>();
        int i = 0;
        for (String s : Json.trickyStrings()) {
            if (s.length() > 1000) {
                continue; // a key that long is beyond any YAML reader's implicit-key limit
            }
            json.append(i == 0 ? "" : ",").append(Json.string(s)).append(":").append(i);
            expected.put(s, i++);
        }
        osk.write("app/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: keys
                flow: {{m}}
                """);
        Osk.Result r = Osk.run("render", osk.path("app"), "--set-json", json.append("}").toString());
        assertThat(r.code()).as(r.err().substring(0, Math.min(400, r.err().length()))).isZero();
        for (List<Object> docs : List.of(r.docs(), r.coreDocs())) {
            Map<String, Object> obj = only(docs);
            assertThat(obj.get("flow")).isEqualTo(expected);
        }
    }

    @Test
    void numbersBooleansMapsAndListsKeepTheirType() {
        osk.write("app/templates/cm.yaml", Osk.configMap("t", """
                int: {{i}}
                neg: {{neg}}
                big: {{big}}
                dec: {{dec}}
                bool: {{b}}
                map: {{m}}
                list: {{l}}"""));
        Osk.Result r = Osk.run("render", osk.path("app"), "--set", "i=42,neg=-5,b=true,big=12345678901234567890",
                "--set-json", "dec=1.5,m={\"a\":1,\"on\":\"off\",\"n\":{\"l\":[1,\"0755\",null]}},"
                        + "l=[\"x\",2,{\"k\":\"yes\"}]");
        assertThat(r.code()).as(r.toString()).isZero();
        Map<?, ?> data = (Map<?, ?>) only(r.docs()).get("data");
        assertThat(data.get("int")).isEqualTo(42);
        assertThat(data.get("neg")).isEqualTo(-5);
        assertThat(data.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(data.get("dec")).isEqualTo(1.5);
        assertThat(data.get("bool")).isEqualTo(true);
        assertThat(data.get("map")).isEqualTo(map("a", 1, "on", "off", "n", map("l", Arrays.asList(1, "0755", null))));
        assertThat(data.get("list")).isEqualTo(List.of("x", 2, map("k", "yes")));
    }

    @Test
    void aValueEndingInBlankLinesOnTheLastLineOfATemplate() {
        osk.write("app/templates/cm.yaml", Osk.configMap("t", "last: {{v}}"));
        for (String s : List.of("a\n\n", "multi\nline\n\n", "a\n\n\n")) {
            Osk.Result r = Osk.run("render", osk.path("app"), "--set-json", "v=" + Json.string(s));
            assertThat(r.code()).as(r.toString()).isZero();
            for (List<Object> docs : List.of(r.docs(), r.coreDocs())) {
                assertThat(only(docs).get("data")).as(r.out()).isEqualTo(map("last", s));
            }
        }
    }

    @Test
    void numbersWithAnExponentStayNumbers() {
        osk.write("app/templates/cm.yaml", Osk.configMap("t", "a: {{a}}\nb: {{b}}\nc: {{c}}"));
        Osk.Result r = Osk.run("render", osk.path("app"), "--set-json", "a=1e3,b=1.5E-7,c=-2e+2");
        assertThat(r.code()).as(r.toString()).isZero();
        for (List<Object> docs : List.of(r.docs(), r.coreDocs())) {
            Map<?, ?> data = (Map<?, ?>) only(docs).get("data");
            assertThat(data.get("a")).as(r.out()).isInstanceOf(Number.class);
            assertThat(((Number) data.get("a")).doubleValue()).isEqualTo(1000.0);
            assertThat(data.get("b")).as(r.out()).isInstanceOf(Number.class);
            assertThat(((Number) data.get("b")).doubleValue()).isEqualTo(1.5E-7);
            assertThat(data.get("c")).as(r.out()).isInstanceOf(Number.class);
            assertThat(((Number) data.get("c")).doubleValue()).isEqualTo(-200.0);
        }
    }

    @Test
    void setTypingShowsInTheOutput() {
        osk.write("app/templates/cm.yaml", Osk.configMap("t", """
                octal: {{octal}}
                decimal: {{decimal}}
                exp: {{exp}}
                big: {{big}}
                neg: {{neg}}
                str: {{str}}"""));
        Osk.Result r = Osk.run("render", osk.path("app"), "--set",
                "octal=0755,decimal=1.10,exp=1e3,big=12345678901234567890,neg=-5", "--set-string", "str=5");
        assertThat(r.code()).as(r.toString()).isZero();
        for (List<Object> docs : List.of(r.docs(), r.coreDocs())) {
            Map<?, ?> data = (Map<?, ?>) only(docs).get("data");
            assertThat(data.get("octal")).isEqualTo("0755");
            assertThat(data.get("decimal")).isEqualTo("1.10");
            assertThat(data.get("exp")).isEqualTo("1e3");
            assertThat(data.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
            assertThat(data.get("neg")).isEqualTo(-5);
            assertThat(data.get("str")).isEqualTo("5");
        }
    }

    @Test
    void tripleBracesInsertRawText() {
        osk.write("app/templates/cm.yaml", Osk.configMap("t", "raw: {{{v}}}\nsafe: {{v}}"));
        Osk.Result r = Osk.run("render", osk.path("app"), "--set-json", "v=\"{a: 1, b: [x]}\"");
        assertThat(r.code()).as(r.toString()).isZero();
        Map<?, ?> data = (Map<?, ?>) only(r.docs()).get("data");
        assertThat(data.get("raw")).isEqualTo(map("a", 1, "b", List.of("x")));
        assertThat(data.get("safe")).isEqualTo("{a: 1, b: [x]}");
    }

    @Test
    void valuesContainingTemplateTagsAreNeverEvaluated() {
        osk.write("app/templates/cm.yaml", Osk.configMap("t", "a: {{v}}\nb: \"x-{{v}}\""));
        Osk.Result r = Osk.run("render", osk.path("app"), "--set-string", "v={{secret}} {{> p}} {{#s}}x{{/s}}",
                "--set", "secret=leaked");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("leaked");
        Map<?, ?> data = (Map<?, ?>) only(r.docs()).get("data");
        assertThat(data.get("a")).isEqualTo("{{secret}} {{> p}} {{#s}}x{{/s}}");
        assertThat(data.get("b")).isEqualTo("x-{{secret}} {{> p}} {{#s}}x{{/s}}");
    }

    @Test
    void embeddedValuesBecomeOneScalar() {
        osk.write("app/templates/cm.yaml", Osk.configMap("t", """
                image: {{registry}}/{{name}}:{{tag}}
                quoted: "x-{{q}}"
                single: 'x-{{q}}'"""));
        Osk.Result r = Osk.run("render", osk.path("app"), "--set", "registry=quay.io,name=keystone,tag=2024.1",
                "--set-json", "q=" + Json.string("say \"hi\" \\o/ it's"));
        assertThat(r.code()).as(r.toString()).isZero();
        for (List<Object> docs : List.of(r.docs(), r.coreDocs())) {
            Map<?, ?> data = (Map<?, ?>) only(docs).get("data");
            assertThat(data.get("image")).isEqualTo("quay.io/keystone:2024.1");
            assertThat(data.get("quoted")).isEqualTo("x-say \"hi\" \\o/ it's");
            assertThat(data.get("single")).isEqualTo("x-say \"hi\" \\o/ it's");
        }
    }

    @Test
    void setFileContentsReadBackExactly() {
        String conf = "[DEFAULT]\ndebug = yes\n  indented: 0755\n\n# last\n";
        osk.write("keystone.conf", conf);
        osk.write("app/templates/cm.yaml", Osk.configMap("t", "keystone.conf: {{conf}}"));
        Osk.Result r = Osk.run("render", osk.path("app"), "--set-file", "conf=" + osk.path("keystone.conf"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(((Map<?, ?>) only(r.docs()).get("data")).get("keystone.conf")).isEqualTo(conf);
        assertThat(r.out()).contains("keystone.conf: |\n");
    }
}
