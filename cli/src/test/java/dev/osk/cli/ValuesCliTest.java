package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code osk values} and the --set family through the command line (README: Commands, Values). */
class ValuesCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/values.yaml", "n: default\nkeep: 1\n");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Map<String, Object> values(String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "values";
        args[1] = osk.path("app");
        System.arraycopy(flags, 0, args, 2, flags.length);
        Osk.Result r = Osk.run(args);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r.values();
    }

    @Test
    void setSyntax() {
        Map<String, Object> v = values("--set",
                "a.b=c,list[0].name=x,list[0].port=80,m[0][0]=deep,tags={a,b},esc\\.dot=1,comma=x\\,y,n=null,empty=");
        assertThat(v).doesNotContainKey("n").containsEntry("keep", 1)
                .containsEntry("a", map("b", "c"))
                .containsEntry("list", List.of(map("name", "x", "port", 80)))
                .containsEntry("m", List.of(List.of("deep")))
                .containsEntry("tags", List.of("a", "b"))
                .containsEntry("esc.dot", 1)
                .containsEntry("comma", "x,y")
                .containsEntry("empty", "");
    }

    @Test
    void setTyping() {
        Map<String, Object> v = values("--set",
                "t=true,f=false,i=42,zero=0,neg=-5,oct=0755,dec=1.10,exp=1e3,big=12345678901234567890,word=yes");
        assertThat(v).containsEntry("t", true).containsEntry("f", false).containsEntry("i", 42)
                .containsEntry("zero", 0).containsEntry("neg", -5).containsEntry("oct", "0755")
                .containsEntry("dec", "1.10").containsEntry("exp", "1e3")
                .containsEntry("big", new BigInteger("12345678901234567890")).containsEntry("word", "yes");
    }

    @Test
    void setStringNeverTypes() {
        assertThat(values("--set-string", "t=true,i=42,n=null,neg=-5"))
                .containsEntry("t", "true").containsEntry("i", "42").containsEntry("n", "null")
                .containsEntry("neg", "-5");
    }

    @Test
    void setJsonValuesAndWholeObjects() {
        assertThat(values("--set-json", "a.b={\"c\":[1,\"x\",true]},s=\"1.10\""))
                .containsEntry("a", map("b", map("c", List.of(1, "x", true)))).containsEntry("s", "1.10");
        assertThat(values("--set-json", "{\"a\":{\"b\":1},\"keep\":2}"))
                .containsEntry("a", map("b", 1)).containsEntry("keep", 2);
    }

    @Test
    void setFileReadsAFile() {
        osk.write("motd.txt", "hello\n  world: yes\n");
        assertThat(values("--set-file", "motd=" + osk.path("motd.txt"))).containsEntry("motd", "hello\n  world: yes\n");
    }

    @Test
    void eachSetFlagMayBeRepeated() {
        assertThat(values("--set", "a=1", "--set", "b=2")).containsEntry("a", 1).containsEntry("b", 2);
        assertThat(values("--set-string", "a=1", "--set-string", "b=2")).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(values("--set-json", "a=1", "--set-json", "b=2")).containsEntry("a", 1).containsEntry("b", 2);
        osk.write("x.txt", "x");
        assertThat(values("--set-file", "a=" + osk.path("x.txt"), "--set-file", "b=" + osk.path("x.txt")))
                .containsEntry("a", "x").containsEntry("b", "x");
        assertThat(values("--set", "v=1", "--set", "v=2")).containsEntry("v", 2);
    }

    @Test
    void valuesFilesApplyInOrderLaterWins() {
        osk.write("one.yaml", "v: one\nonly1: x\n");
        osk.write("two.yaml", "v: two\n");
        assertThat(values("-f", osk.path("one.yaml"), "-f", osk.path("two.yaml")))
                .containsEntry("v", "two").containsEntry("only1", "x");
        assertThat(values("--values", osk.path("two.yaml"), "--values", osk.path("one.yaml"))).containsEntry("v", "one");
    }

    @Test
    void interleavedSetFlagsKeepTheirOrder() {
        osk.write("v.txt", "from file");
        String file = "v=" + osk.path("v.txt");
        assertThat(values("--set", "v=1", "--set-string", "v=2", "--set-json", "v=[3]", "--set-file", file))
                .containsEntry("v", "from file");
        assertThat(values("--set-file", file, "--set-json", "v=[3]", "--set-string", "v=2", "--set", "v=1"))
                .containsEntry("v", 1);
        assertThat(values("--set-string", "v=2", "--set", "v=3")).containsEntry("v", 3);
        assertThat(values("--set", "v=3", "--set-string", "v=2")).containsEntry("v", "2");
        assertThat(values("--set-json", "v={\"k\":1}", "--set", "v.j=2")).containsEntry("v", map("k", 1, "j", 2));
    }

    @Test
    void setFlagsBeatValuesFilesWhereverTheFileIsGiven() {
        // README: -f overlays are layer 4, the --set family layer 5
        osk.write("f.yaml", "v: fromfile\nw: fromfile\n");
        assertThat(values("-f", osk.path("f.yaml"), "--set", "v=fromset")).containsEntry("v", "fromset");
        assertThat(values("--set", "v=fromset", "-f", osk.path("f.yaml")))
                .containsEntry("v", "fromset").containsEntry("w", "fromfile");
    }

    @Test
    void aNullFromTheCommandLineDeletesADefaultOfANestedChartTwoLevelsDown() {
        osk.chart("top", "top", "dependencies:", "  - name: mid");
        osk.chart("top/charts/mid", "mid", "dependencies:", "  - name: leaf");
        osk.chart("top/charts/mid/charts/leaf", "leaf");
        osk.write("top/charts/mid/charts/leaf/values.yaml", "conf: {a: 1, b: 2, c: 3}\n");
        osk.write("overlay.yaml", "mid:\n  leaf:\n    conf:\n      b: null\n");
        Osk.Result r = Osk.run("values", osk.path("top"), "-f", osk.path("overlay.yaml"), "--set", "mid.leaf.conf.c=null");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.values()).isEqualTo(map("mid", map("leaf", map("conf", map("a", 1)))));
    }

    @Test
    void valuesShowsEachEnabledDependencyUnderItsAliasAndGlobalOnce() {
        osk.chart("top", "top", "dependencies:", "  - name: w", "    alias: first", "  - name: w", "    alias: second",
                "    condition: second.enabled");
        osk.write("top/values.yaml", "global: {g: top}\nfirst: {n: 1}\nsecond: {enabled: false}\n");
        osk.chart("top/charts/w", "w");
        osk.write("top/charts/w/values.yaml", "n: 0\nglobal: {fromW: w}\n");
        Osk.Result r = Osk.run("values", osk.path("top"));
        assertThat(r.code()).as(r.toString()).isZero();
        Map<String, Object> v = r.values();
        assertThat(v).containsOnlyKeys("global", "first", "second");
        assertThat(v.get("global")).isEqualTo(map("g", "top", "fromW", "w"));
        assertThat(v.get("first")).isEqualTo(map("n", 1));
        assertThat(v.get("second")).isEqualTo(map("enabled", false));
        assertThat(r.out()).containsOnlyOnce("global:");
    }

    @Test
    void numbersFromValuesFilesStayExactInValuesAndRenderOutput() {
        osk.write("app/values.yaml", "dec: 1.10\nbig: 123456789012345678901234567890\nword: yes\n");
        osk.write("app/templates/cm.yaml", Osk.configMap("c", "dec: {{dec}}\nbig: {{big}}\nword: {{word}}"));
        Osk.Result v = Osk.run("values", osk.path("app"));
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out().lines().toList()).contains("dec: 1.10", "big: 123456789012345678901234567890");
        assertThat(v.values()).containsEntry("word", "yes");
        Osk.Result r = Osk.run("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList()).contains("  dec: 1.10", "  big: 123456789012345678901234567890");
        assertThat(((Map<?, ?>) ((Map<?, ?>) r.docs().get(0)).get("data")).get("word")).isEqualTo("yes");
    }

    @Test
    void explainNamesTheSourceOfEveryLeaf() {
        osk.write("app/values.yaml", "a:\n  b: 1\n  c: [x, y]\n");
        osk.write("o.yaml", "# overlay\na:\n  c: [z]\n");
        Osk.Result r = Osk.run("values", osk.path("app"), "-f", osk.path("o.yaml"), "--set", "d=hello", "--explain");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList()).containsExactlyInAnyOrder(
                "a.b: 1  # " + osk.path("app/values.yaml") + ":2:6",
                "a.c: [z]  # " + osk.path("o.yaml") + ":3:6",
                "d: hello  # --set d=hello");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--set|a",
        "--set|=x",
        "--set|a..b=x",
        "--set|a[x]=1",
        "--set|a[0=1",
        "--set|a=1,,b=2",
        "--set-string|a",
        "--set-json|a={",
        "--set-json|{\"a\":",
        "--set-file|a=/nonexistent/osk-test-file.txt"})
    void malformedSetExpressionsAreUsageErrorsOnOneLine(String flag, String expr) {
        Osk.Result r = Osk.run("values", osk.path("app"), flag, expr);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        Osk.Result render = Osk.run("render", osk.path("app"), flag, expr);
        assertThat(render.code()).as(render.toString()).isEqualTo(2);
        assertThat(render.out()).isEmpty();
        assertThat(render.errLines()).as(render.toString()).hasSize(1);
    }
}
