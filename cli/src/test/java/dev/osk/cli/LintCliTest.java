package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * osk lint: each chart rendered and validated with its defaults and with each ci/ overlay, and the values no
 * template reads, one line each on stdout, then the summary line.
 */
class LintCliTest {
    private static final String CONFIGMAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{name}}
            data:
              replicas: "{{replicas}}"
              used: {{nested.used}}
              conf: {{osk.json.conf}}
            """;

    private static Osk app(Path tmp) {
        Osk osk = new Osk(tmp);
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        osk.write("app/values.yaml", """
                name: app
                replicas: 1
                unused: 5
                nested:
                  used: a
                  stale: b
                conf:
                  debug: false
                """);
        osk.write("app/templates/cm.yaml", CONFIGMAP);
        return osk;
    }

    private static Osk.Result lint(Osk osk, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "lint";
        System.arraycopy(args, 0, all, 1, args.length);
        return Osk.withStdin(osk.base(), "", all);
    }

    @Test
    void reportsEachRunsProblemsAndTheValuesNoTemplateReads(@TempDir Path tmp) {
        Osk osk = app(tmp);
        osk.write("app/ci/good.yaml", "replicas: 2\nextra: 1\n");
        osk.write("app/ci/broken.yaml", "name: Bad_Name\n");
        osk.write("app/ci/unreadable.yaml", "replicas: [1,\n");
        Osk.Result r = lint(osk, "app");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines()).containsExactly(
                "app/templates/cm.yaml:4: error: v1 ConfigMap Bad_Name: /metadata/name: name 'Bad_Name' must be a"
                        + " DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a"
                        + " letter or digit, at most 253 characters) [api-rules] (value name from app/ci/broken.yaml:1:7)"
                        + " (with app/ci/broken.yaml)",
                "app/ci/good.yaml:2:8: warning: extra is set but no template reads it with this overlay"
                        + " [unused-value]",
                "app/ci/unreadable.yaml:2:1: error: invalid YAML: expected the node content, but found"
                        + " '<stream end>' (with app/ci/unreadable.yaml)",
                "app/values.yaml:3:9: warning: unused is set but no template reads it [unused-value]",
                "app/values.yaml:6:10: warning: nested.stale is set but no template reads it [unused-value]",
                "1 chart linted, 1 failed");
    }

    @Test
    void aChartArchiveIsLintedAsItsFolderIs(@TempDir Path tmp) {
        Osk osk = app(tmp);
        osk.write("app/ci/broken.yaml", "name: Bad_Name\n");
        Osk.Result pack = Osk.withStdin(osk.base(), "", "package", "app");
        assertThat(pack.code()).as(pack.err()).isZero();
        Osk.Result r = lint(osk, "app-0.1.0.tgz");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines()).containsExactly(
                "app-0.1.0.tgz/app/templates/cm.yaml:4: error: v1 ConfigMap Bad_Name: /metadata/name: name"
                        + " 'Bad_Name' must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting"
                        + " and ending with a letter or digit, at most 253 characters) [api-rules] (value name from"
                        + " app-0.1.0.tgz/app/ci/broken.yaml:1:7) (with app-0.1.0.tgz/app/ci/broken.yaml)",
                "app-0.1.0.tgz/app/values.yaml:3:9: warning: unused is set but no template reads it [unused-value]",
                "app-0.1.0.tgz/app/values.yaml:6:10: warning: nested.stale is set but no template reads it"
                        + " [unused-value]",
                "1 chart linted, 1 failed");
        assertThat(tmp.toFile().list()).as("nothing unpacked next to the archive")
                .containsExactlyInAnyOrder("app", "app-0.1.0.tgz", "app-0.1.0.tgz.sha256");
    }

    @Test
    void aFileThatIsNoChartArchiveIsAUsageError(@TempDir Path tmp) {
        Osk osk = new Osk(tmp);
        osk.write("notes.txt", "hello\n");
        String line = lint(osk, "notes.txt").onlyErrLine(2, "Exception");
        assertThat(line).isEqualTo("osk: 'notes.txt' is not a chart folder (no Chart.yaml) or a chart archive (.tgz)");
    }

    @Test
    void unusedValuesAreWarningsUnlessStrict(@TempDir Path tmp) {
        Osk osk = app(tmp);
        Osk.Result r = lint(osk, "app");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "app/values.yaml:3:9: warning: unused is set but no template reads it [unused-value]",
                "app/values.yaml:6:10: warning: nested.stale is set but no template reads it [unused-value]",
                "1 chart linted, 0 failed");
        Osk.Result strict = lint(osk, "--strict", "app");
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.out().lines()).last().isEqualTo("1 chart linted, 1 failed");
    }

    @Test
    void aValueAnOverlayRunReadsIsNotUnused(@TempDir Path tmp) {
        Osk osk = app(tmp);
        osk.write("app/templates/extra.yaml", """
                {{#unused?}}
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: extra}
                data: {stale: "{{nested.stale}}"}
                {{/unused?}}
                """);
        osk.write("app/values.yaml", "name: app\nreplicas: 1\nnested: {used: a, stale: b}\nconf: {debug: false}\n");
        osk.write("app/ci/with-extra.yaml", "unused: 5\n");
        Osk.Result r = lint(osk, "app");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly("1 chart linted, 0 failed");
    }

    @Test
    void valuesReadThroughTheScopeLadderAndConditionsCount(@TempDir Path tmp) {
        Osk osk = new Osk(tmp);
        osk.write("kit/Chart.yaml", """
                name: kit
                version: 0.1.0
                dependencies:
                  - {name: sub, repository: file://../sub, alias: web, component: web, condition: web.enabled}
                  - {name: sub, repository: file://../sub, alias: off, condition: off.enabled}
                """);
        osk.write("kit/values.yaml", """
                replicas: 3
                web:
                  enabled: true
                  port: 80
                  name: web-server
                off:
                  enabled: false
                  name: never-rendered
                """);
        osk.write("sub/Chart.yaml", "name: sub\nversion: 0.1.0\n");
        osk.write("sub/values.yaml", "name: sub\n");
        osk.write("sub/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: {{osk.scope.key}}}
                data: {replicas: "{{replicas}}", port: "{{port}}", name: "{{name}}"}
                """);
        Osk.Result r = lint(osk, "kit", "sub");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines()).containsExactly(
                "kit/values.yaml:8:9: warning: off.name is set but no template reads it [unused-value]",
                "sub/templates/cm.yaml:4:19: error: no value for 'replicas' (looked in (top level), global)"
                        + " (with the defaults)",
                "2 charts linted, 1 failed");
    }

    @Test
    void anOverlayLinkThatLeavesTheChartIsAnError(@TempDir Path tmp) throws Exception {
        Osk osk = app(tmp);
        osk.write("secret.yaml", "password: hunter2\n");
        java.nio.file.Files.createDirectories(osk.base().resolve("app/ci"));
        java.nio.file.Files.createSymbolicLink(osk.base().resolve("app/ci/leak.yaml"), osk.base().resolve("secret.yaml"));
        Osk.Result r = lint(osk, "app");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("hunter2");
        assertThat(r.out().lines().toList().get(0)).startsWith("app/ci/leak.yaml: error: symbolic link to '")
                .endsWith("' leaves the chart folder app; links in a chart may point only inside it");
        assertThat(r.out().lines()).last().isEqualTo("1 chart linted, 1 failed");
    }

    @Test
    void anExternalNoObjectMissesIsAWarning(@TempDir Path tmp) {
        Osk osk = new Osk(tmp);
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\nexternal: [Service/db, Service/gone]\n");
        osk.write("app/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      initContainers:
                        - {name: init, image: entrypoint, env: [{name: DEPENDENCY_SERVICE, value: db}]}
                      containers:
                        - {name: app, image: app}
                """);
        Osk.Result r = lint(osk, "app");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "app/Chart.yaml: warning: external Service/gone is declared but the chart's objects never miss it"
                        + " [unused-external]",
                "1 chart linted, 0 failed");
    }

    /** A chart that installs a custom resource, a Widget, whose definition another chart owns. */
    private static Osk widgetChart(Path tmp, String size) {
        Osk osk = new Osk(tmp);
        osk.write("gadget/Chart.yaml", "name: gadget\nversion: 0.1.0\n");
        osk.write("gadget/values.yaml", "size: " + size + "\n");
        osk.write("gadget/templates/widget.yaml", """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                spec:
                  size: {{size}}
                """);
        osk.write("crds/widgets.yaml", CustomResourcesCliTest.CRD);
        return osk;
    }

    @Test
    void customResourcesFollowTheDefinitionsOfCrdAndSkipKindLeavesThemUnchecked(@TempDir Path tmp) {
        Osk osk = widgetChart(tmp, "0");
        Osk.Result none = lint(osk, "gadget");
        assertThat(none.code()).as(none.err()).isEqualTo(1);
        assertThat(none.out().lines()).containsExactly(
                "gadget/templates/widget.yaml:2: error: example.com/v1 Widget w: /kind: unknown kind 'Widget'"
                        + " (example.com/v1): not a built-in type, and no CustomResourceDefinition in the set or given"
                        + " with --crd defines it (--skip-kind Widget leaves it unchecked) [schema]"
                        + " (with the defaults)",
                "1 chart linted, 1 failed");
        Osk.Result checked = lint(osk, "--crd", "crds/widgets.yaml", "gadget");
        assertThat(checked.code()).as(checked.err()).isEqualTo(1);
        assertThat(checked.out().lines()).containsExactly(
                "gadget/templates/widget.yaml:6: error: example.com/v1 Widget w: /spec/size: must be at least 1, not 0"
                        + " [schema] (value size from gadget/values.yaml:1:7) (with the defaults)",
                "1 chart linted, 1 failed");
        Osk.Result folder = lint(osk, "--crd", "crds", "--skip-kind", "example.com/Widget", "gadget");
        assertThat(folder.code()).as(folder.out()).isZero();
        assertThat(folder.out()).isEqualTo("1 chart linted, 0 failed\n");
        Osk.Result skipped = lint(osk, "--skip-kind", "Widget", "gadget");
        assertThat(skipped.code()).as(skipped.out()).isZero();
        assertThat(skipped.out()).isEqualTo("1 chart linted, 0 failed\n");
    }

    @Test
    void aValidCustomResourceLintsCleanWithItsDefinition(@TempDir Path tmp) {
        Osk osk = widgetChart(tmp, "3");
        Osk.Result r = lint(osk, "--crd", "crds/widgets.yaml", "gadget");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).isEqualTo("1 chart linted, 0 failed\n");
    }

    @Test
    void aBadSkipKindIsAUsageError(@TempDir Path tmp) {
        Osk osk = widgetChart(tmp, "3");
        String line = lint(osk, "--skip-kind", "example.com/", "gadget").onlyErrLine(2, "Exception");
        assertThat(line).isEqualTo("osk: --skip-kind 'example.com/': expected KIND or GROUP/KIND, e.g. ServiceMonitor"
                + " or monitoring.coreos.com/ServiceMonitor");
    }

    @Test
    void aChartWithoutProblemsPrintsTheSummaryOnly(@TempDir Path tmp) {
        Osk osk = new Osk(tmp);
        osk.write("ok/Chart.yaml", "name: ok\nversion: 0.1.0\n");
        osk.write("ok/values.yaml", "name: ok\n");
        osk.write("ok/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{name}}}\n");
        Osk.Result r = lint(osk, "ok");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("1 chart linted, 0 failed\n");
    }

    @Test
    void aFolderThatIsNoChartIsAUsageError(@TempDir Path tmp) {
        Osk osk = new Osk(tmp);
        String line = lint(osk, "missing").onlyErrLine(2, "Exception");
        assertThat(line).isEqualTo("osk: 'missing' is not a chart folder (no Chart.yaml) or a chart archive (.tgz)");
    }

    @Test
    void everyShippedServiceChartLintsClean() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("lint", "--strict"));
        for (Path chart : CatalogueTest.dirs("charts/services")) {
            args.add("charts/services/" + chart.getFileName());
        }
        Osk.Result r = Osk.inRepo(args.toArray(String[]::new));
        assertThat(r.out()).isEqualTo((args.size() - 2) + " charts linted, 0 failed\n");
        assertThat(r.code()).isZero();
    }
}
