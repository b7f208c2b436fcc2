package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "Errors and exit codes": 1 for a problem in the charts or values, 2 for a usage error; one line per
 * problem on stderr as file:line:col: message; no stack trace without --debug; no YAML on stdout.
 */
class ErrorsCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/templates/ok.yaml", Osk.object("v1", "ConfigMap", "fine"));
    }

    /** Checks the exit code, the empty stdout, the absence of stack traces, and returns the stderr lines. */
    private static List<String> failed(Osk.Result r, int code) {
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        return r.errLines();
    }

    private static void oneLine(Osk.Result r, int code, String prefix, String... fragments) {
        List<String> lines = failed(r, code);
        assertThat(lines).as(r.toString()).hasSize(1);
        assertThat(lines.get(0)).startsWith(prefix);
        for (String f : fragments) {
            assertThat(lines.get(0)).contains(f);
        }
    }

    private Osk.Result render(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "render";
        args[1] = osk.path("app");
        System.arraycopy(extra, 0, args, 2, extra.length);
        return Osk.run(args);
    }

    @Test
    void missingValue() {
        osk.write("app/templates/t.yaml", Osk.configMap("t", "x: {{nme}}"));
        Osk.Result r = render();
        assertThat(failed(r, 1)).containsExactly(
                osk.path("app/templates/t.yaml") + ":6:6: no value for 'nme' (looked in (top level), global)");
    }

    @Test
    void missingValueWithDebugShowsTheStackTrace() {
        osk.write("app/templates/t.yaml", Osk.configMap("t", "x: {{nme}}"));
        Osk.Result r = render("--debug");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines().get(0)).startsWith(osk.path("app/templates/t.yaml") + ":6:6: no value for 'nme'");
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void problemsInSeveralTemplatesAreAllReported() {
        osk.write("app/templates/a.yaml", Osk.configMap("a", "x: {{one}}"));
        osk.write("app/templates/b.yaml", Osk.configMap("b", "y: {{osk.nope}}"));
        List<String> lines = failed(render(), 1);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith(osk.path("app/templates/a.yaml") + ":6:6: ").contains("'one'");
        assertThat(lines.get(1)).startsWith(osk.path("app/templates/b.yaml") + ":6:6: ").contains("osk.nope");
    }

    @Test
    void unknownHelper() {
        osk.write("app/templates/t.yaml", Osk.configMap("t", "a: b\nx: {{osk.nope.thing}}"));
        oneLine(render(), 1, osk.path("app/templates/t.yaml") + ":7:6: ", "osk.nope.thing");
    }

    @Test
    void invalidYamlProducedByATemplatePointsAtTheTemplateLine() {
        osk.write("app/templates/t.yaml", """
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
        oneLine(render("--set-json", "items=[\"a\",\"b\",\"c\",\"d\"]", "--set-string", "v=a: b"), 1,
                osk.path("app/templates/t.yaml") + ":9:", "bad: a: b");
    }

    @Test
    void duplicateKeyInValuesYaml() {
        osk.write("app/values.yaml", "a: 1\nb:\n  c: 2\n  c: 3\n");
        oneLine(render(), 1, osk.path("app/values.yaml") + ":4:3: ", "'c'");
    }

    @Test
    void duplicateKeyInAValuesFile() {
        osk.write("o.yaml", "x: 1\nx: 2\n");
        oneLine(render("-f", osk.path("o.yaml")), 1, osk.path("o.yaml") + ":2:1: ", "'x'");
    }

    @Test
    void aliasBombInValuesYaml() {
        StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [");
        for (int i = 0; i < 150; i++) {
            sb.append(i == 0 ? "" : ", ").append("*a");
        }
        osk.write("app/values.yaml", sb.append("]\n").toString());
        oneLine(render(), 1, osk.path("app/values.yaml"));
    }

    @Test
    void unknownChartYamlField() {
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\ntpye: library\n");
        oneLine(render(), 1, osk.path("app/Chart.yaml") + ":3:", "tpye");
    }

    @Test
    void unknownDependencyField() {
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\ndependencies:\n  - name: sub\n    condtion: x\n");
        osk.chart("app/charts/sub", "sub");
        oneLine(render(), 1, osk.path("app/Chart.yaml") + ":5:", "condtion");
    }

    @Test
    void dependencyCycle() {
        osk.chart("a", "a", "dependencies:", "  - name: b", "    path: ../b");
        osk.chart("b", "b", "dependencies:", "  - name: a", "    path: ../a");
        Osk.Result r = Osk.run("render", osk.path("a"));
        oneLine(r, 1, osk.path("b/Chart.yaml") + ":4:5: ", "cycle");
    }

    @Test
    void invalidChartNameAndVersion() {
        osk.write("app/Chart.yaml", "name: MyApp\nversion: 0.1.0\n");
        oneLine(render(), 1, osk.path("app/Chart.yaml") + ":1:", "MyApp");
        osk.write("app/Chart.yaml", "name: app\nversion: \"1.0\"\n");
        oneLine(render(), 1, osk.path("app/Chart.yaml") + ":2:", "1.0");
    }

    @Test
    void aDependencyMustNameTheChartItPointsAt() {
        osk.chart("app", "app", "dependencies:", "  - name: sub", "    path: ../other");
        osk.chart("other", "other");
        oneLine(render(), 1, osk.path("app/Chart.yaml") + ":4:", "other");
    }

    @Test
    void onlyLocalChartsAreSupported() {
        osk.chart("app", "app", "dependencies:", "  - name: sub", "    repository: https://charts.example.com");
        oneLine(render(), 1, osk.path("app/Chart.yaml") + ":", "sub");
    }

    @Test
    void aValuesFileThatIsNotAMap() {
        osk.write("o.yaml", "- a\n- b\n");
        oneLine(render("-f", osk.path("o.yaml")), 1, osk.path("o.yaml"));
    }

    @Test
    void anUnknownTagInValuesYaml() {
        osk.write("app/values.yaml", "a: !!python/object:os.system x\n");
        oneLine(render(), 1, osk.path("app/values.yaml") + ":1:");
    }

    @Test
    void missingDependencyFolder() {
        osk.chart("app", "app", "dependencies:", "  - name: gone");
        oneLine(render(), 1, osk.path("app/Chart.yaml") + ":4:5: ", "gone");
    }

    @Test
    void missingPartial() {
        osk.write("app/templates/t.yaml", Osk.configMap("t", "a: b\n{{> nope}}"));
        oneLine(render(), 1, osk.path("app/templates/t.yaml") + ":7:3: ", "nope");
    }

    @Test
    void unclosedSection() {
        osk.write("app/templates/t.yaml", Osk.configMap("t", "a: b\n{{#open}}\nc: d"));
        Osk.Result r = render();
        List<String> lines = failed(r, 1);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches(java.util.regex.Pattern.quote(osk.path("app/templates/t.yaml"))
                + ":\\d+(:\\d+)?: .*open.*");
    }

    @Test
    void aTemplateThatIsNotAnObject() {
        osk.write("app/templates/t.yaml", "apiVersion: v1\nmetadata: {name: x}\n");
        oneLine(render(), 1, osk.path("app/templates/t.yaml") + ":", "kind");
    }

    @Test
    void nonBooleanCondition() {
        osk.chart("app", "app", "dependencies:", "  - name: sub", "    condition: sub.enabled");
        osk.chart("app/charts/sub", "sub");
        oneLine(render("--set-string", "sub.enabled=true"), 1, osk.path("app/Chart.yaml") + ":", "sub.enabled");
    }

    @Test
    void missingChart() {
        oneLine(Osk.run("render", osk.path("nowhere")), 2, "", "nowhere");
        oneLine(Osk.run("values", osk.path("nowhere")), 2, "", "nowhere");
    }

    @Test
    void aFolderWithoutChartYaml() {
        osk.write("plain/readme.txt", "not a chart\n");
        oneLine(Osk.run("render", osk.path("plain")), 2, "", "plain");
    }

    @Test
    void missingValuesFile() {
        oneLine(render("-f", osk.path("missing.yaml")), 2, "", "missing.yaml");
    }

    @Test
    void badKubeVersion() {
        oneLine(render("--kube-version", "banana"), 2, "", "banana");
        oneLine(render("--kube-version", "1"), 2, "", "1");
    }

    @Test
    void unknownFlag() {
        oneLine(render("--bogus"), 2, "", "--bogus");
    }

    @Test
    void unknownCommand() {
        oneLine(Osk.run("frobnicate"), 2, "", "frobnicate");
    }

    @Test
    void noCommandIsAUsageError() {
        Osk.Result r = Osk.run();
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isNotEmpty();
    }

    @Test
    void helpIsNotAnError() {
        Osk.Result r = Osk.run("help", "render");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("--show-only").contains("--output-dir");
    }

    @Test
    void successPrintsNothingOnStderr() {
        Osk.Result r = render();
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("---\n# Source: app/templates/ok.yaml\n");
    }
}
