package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broken inputs that used to pass silently or end in an internal error, and messages that did not say why: each
 * is now one line that names the input and the problem, with the documented exit code.
 */
class BrokenInputsCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/templates/cm.yaml", Osk.object("v1", "ConfigMap", "app"));
    }

    private static String oneLine(Osk.Result r, int code) {
        return r.onlyErrLine(code, "\tat ", "internal error", "Exception");
    }

    // ---- manifests ----

    @Test
    void aManifestWithoutKindIsAFindingNotAnInternalError() {
        osk.write("nokind.yaml", "apiVersion: v1\nmetadata:\n  name: x\n");
        Osk.Result r = Osk.exec("validate", osk.path("nokind.yaml"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(osk.path("nokind.yaml") + ":1:1: error: ")
                .contains("/kind: required field is missing: kind [schema]");
        assertThat(oneLine(Osk.exec("diff", osk.path("nokind.yaml"), osk.path("app")), 1))
                .isEqualTo(osk.path("nokind.yaml") + ":1:1: object has no kind, so it cannot be matched with the other side");
    }

    @Test
    void nestedListsAreFlattenedTheSameWayByValidateAndDiff() {
        osk.write("lists.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: List
                  items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: inner}
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: outer}
                """);
        osk.write("empty.yaml", "");
        Osk.Result v = Osk.exec("validate", osk.path("lists.yaml"));
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out()).isEqualTo("valid: 2 objects: 0 errors, 0 warnings\n");
        Osk.Result d = Osk.exec("diff", osk.path("empty.yaml"), osk.path("lists.yaml"), "--brief");
        assertThat(d.code()).as(d.toString()).isZero();
        assertThat(d.out()).isEqualTo("+ v1 ConfigMap inner\n+ v1 ConfigMap outer\n\n2 added, 0 removed, 0 changed, 0 unchanged\n");
    }

    @Test
    void mergeKeysMergeInManifestsRenderedOutputAndValuesFiles() {
        String merged = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: m
                  labels: &base {tier: web}
                data:
                  <<: *base
                  own: x
                """;
        osk.write("m.yaml", merged);
        osk.write("plain.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n  labels: {tier: web}\n"
                + "data:\n  tier: web\n  own: x\n");
        Osk.Result d = Osk.exec("diff", osk.path("plain.yaml"), osk.path("m.yaml"), "--exit-code");
        assertThat(d.code()).as(d.toString()).isZero();
        assertThat(d.out()).isEqualTo("0 added, 0 removed, 0 changed, 1 unchanged\n");

        osk.write("app/templates/cm.yaml", merged);
        Osk.Result r = Osk.run("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("<<").contains("  own: x\n").contains("  tier: web\n");

        osk.write("app/values.yaml", "defaults: &d {replicas: 1, image: nginx}\napi:\n  <<: *d\n  replicas: 3\n");
        Osk.Result values = Osk.exec("values", osk.path("app"));
        assertThat(values.code()).as(values.toString()).isZero();
        assertThat(values.values()).containsEntry("api", Map.of("replicas", 3, "image", "nginx"));
    }

    // ---- charts and templates ----

    @Test
    void anUnclosedCommentIsAnErrorNotTheRestOfTheTemplateDropped() {
        osk.write("app/templates/cm.yaml", Osk.object("v1", "ConfigMap", "app") + "{{! a comment\ndata: {a: b}\n");
        assertThat(oneLine(Osk.run("render", osk.path("app")), 1)).isEqualTo(osk.path("app/templates/cm.yaml")
                + ":5:1: tag '{{!' is never closed (no '}}' after it), so the rest of the template would be lost");
    }

    @Test
    void aTemplatesPathThatIsAFileIsAnError() throws IOException {
        Files.delete(osk.base().resolve("app/templates/cm.yaml"));
        Files.delete(osk.base().resolve("app/templates"));
        osk.write("app/templates", Osk.object("v1", "ConfigMap", "app"));
        assertThat(oneLine(Osk.run("render", osk.path("app")), 1)).isEqualTo(osk.path("app/templates")
                + ": is a file, not a folder; a chart's templates/ must be a folder of templates");
    }

    @Test
    void aLibraryChartIsNeverRenderedItself() {
        osk.chart("lib", "lib", "type: library");
        osk.write("lib/templates/_labels.yaml", "app: x\n");
        for (String command : List.of("render", "graph")) {
            assertThat(oneLine(Osk.run(command, osk.path("lib")), 1)).isEqualTo(osk.path("lib/Chart.yaml")
                    + ": chart 'lib' is a library chart (type: library): it holds partials and defaults for the charts"
                    + " that depend on it and is never rendered itself");
        }
    }

    // ---- archives ----

    @Test
    void garbageAfterTheCompressedStreamIsRefused() throws IOException {
        Path good = new RawTar().file("app/Chart.yaml", "name: app\nversion: 0.1.0\n")
                .file("app/templates/cm.yaml", Osk.object("v1", "ConfigMap", "app")).writeTo(tmp.resolve("good.tgz"));
        Path bad = tmp.resolve("bad.tgz");
        Files.write(bad, Files.readAllBytes(good));
        Files.write(bad, "#!/bin/sh\nrm -rf ~\n".getBytes(), java.nio.file.StandardOpenOption.APPEND);
        assertThat(oneLine(Osk.exec("render", bad.toString()), 1))
                .isEqualTo(bad + ": corrupt compressed data (data after the end of the compressed stream)");
        Osk.Result ok = Osk.exec("render", good.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
    }

    // ---- flags ----

    @Test
    void anInvalidJsonPointerInIgnoreIsAUsageError() {
        osk.write("a.yaml", Osk.object("v1", "ConfigMap", "app"));
        assertThat(oneLine(Osk.exec("diff", osk.path("a.yaml"), osk.path("a.yaml"), "--ignore", "/metadata/a~2b"), 1))
                .isEqualTo("osk: --ignore '/metadata/a~2b': not a valid JSON pointer: '~' at position 12 is not"
                        + " followed by 0 (for '~') or 1 (for '/') (write '~0' for '~' and '~1' for '/' inside a key)");
        Osk.Result ok = Osk.exec("diff", osk.path("a.yaml"), osk.path("a.yaml"), "--ignore", "/metadata/a~0b~1c");
        assertThat(ok.code()).as(ok.toString()).isZero();
    }

    @Test
    void aListIndexThatIsTooLargeSaysSo() {
        assertThat(oneLine(Osk.run("render", osk.path("app"), "--set", "a[99999999]=1"), 2))
                .isEqualTo("osk: --set 'a[99999999]=1': list index 99999999 is larger than 65536, the largest index"
                        + " --set accepts");
        assertThat(oneLine(Osk.run("render", osk.path("app"), "--set", "a[-1]=1"), 2))
                .isEqualTo("osk: --set 'a[-1]=1': list index '-1' is not a non-negative number");
    }

    @Test
    void aLongBadSetJsonIsNotEchoedWhole() {
        String json = "x=[" + "1,".repeat(120_000) + "]";
        String line = oneLine(Osk.run("render", osk.path("app"), "--set-json", json), 2);
        assertThat(line).startsWith("osk: --set-json '" + json.substring(0, 80) + "... (" + json.length()
                + " characters)': invalid JSON '").hasSizeLessThan(400);
    }
}
