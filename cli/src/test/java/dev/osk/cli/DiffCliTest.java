package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.cli.Osk.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code osk diff} from the command line: inputs, chart sides and their flags, output formats, exit codes. */
class DiffCliTest {
    @TempDir
    Path dir;

    Result withStdin(String stdin, String... args) {
        return Osk.withStdin(dir, stdin, args);
    }

    Result run(String... args) {
        return withStdin("", args);
    }

    void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: %s
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
            """;

    static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
            data:
              password: %s
              user: YWRtaW4=
            """;

    /** A chart with one Deployment template whose replicas and image tag come from values. */
    void chart() throws IOException {
        write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        write("app/values.yaml", "replicas: 1\ntag: \"1.25\"\n");
        write("app/templates/deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: {{replicas}}
                  template:
                    spec:
                      containers:
                      - name: web
                        image: nginx:{{tag}}
                """);
    }

    @Test
    void theExitCodeIsZeroUnlessAskedAndTwoForChangesWithExitCode() throws IOException {
        write("a.yaml", DEPLOYMENT.formatted(1));
        write("b.yaml", DEPLOYMENT.formatted(3));
        assertThat(run("diff", "a.yaml", "a.yaml").code()).isZero();
        assertThat(run("diff", "a.yaml", "a.yaml", "--exit-code").code()).isZero();
        assertThat(run("diff", "a.yaml", "b.yaml").code()).isZero();
        Result changed = run("diff", "a.yaml", "b.yaml", "--exit-code");
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).isEmpty();
        assertThat(changed.out()).isEqualTo("""
                ~ apps/v1 Deployment web

                ~ apps/v1 Deployment web
                @@ -3,7 +3,7 @@
                 metadata:
                   name: web
                 spec:
                -  replicas: 1
                +  replicas: 3
                   template:
                     spec:
                       containers:

                0 added, 0 removed, 1 changed, 0 unchanged
                """);
    }

    @Test
    void everyErrorExitsOneSoThatTwoAlwaysMeansChanges() throws IOException {
        write("a.yaml", DEPLOYMENT.formatted(1));
        write("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n");
        Result badYaml = run("diff", "a.yaml", "bad.yaml", "--exit-code");
        assertThat(badYaml.code()).isEqualTo(1);
        assertThat(badYaml.out()).isEmpty();
        assertThat(badYaml.err()).startsWith("bad.yaml:4:1: invalid YAML: ");
        assertThat(badYaml.err().lines()).hasSize(1);

        Result missing = run("diff", "a.yaml", "nope.yaml", "--exit-code");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("osk: NEW: no such file or folder: nope.yaml\n");

        for (List<String> args : List.of(
                List.of("diff", "a.yaml", "a.yaml", "--exit-code", "--no-such-flag"),
                List.of("diff", "a.yaml", "--exit-code"),
                List.of("diff", "a.yaml", "a.yaml", "--exit-code", "-o", "yaml"),
                List.of("diff", "a.yaml", "a.yaml", "--exit-code", "-C", "-1"),
                List.of("diff", "a.yaml", "a.yaml", "--exit-code", "--ignore", "a..b"),
                List.of("diff", "a.yaml", "a.yaml", "--exit-code", "--kube-version", "x"))) {
            Result r = run(args.toArray(String[]::new));
            assertThat(r.code()).as("%s", args).isEqualTo(1);
            assertThat(r.out()).as("%s", args).isEmpty();
            assertThat(r.err()).as("%s", args).startsWith("osk: ").hasLineCount(1);
        }
        // other commands keep exit code 2 for usage errors
        assertThat(run("validate", "--no-such-flag").code()).isEqualTo(2);
    }

    @Test
    void eitherSideCanBeStandardInputButNotBoth() throws IOException {
        write("a.yaml", DEPLOYMENT.formatted(1));
        Result fromStdin = withStdin(DEPLOYMENT.formatted(2), "diff", "a.yaml", "-", "--brief");
        assertThat(fromStdin.out()).isEqualTo("~ apps/v1 Deployment web\n\n0 added, 0 removed, 1 changed, 0 unchanged\n");
        Result oldFromStdin = withStdin(DEPLOYMENT.formatted(1), "diff", "-", "a.yaml", "--exit-code");
        assertThat(oldFromStdin.code()).isZero();
        Result both = withStdin("", "diff", "-", "-");
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.err()).isEqualTo("osk: OLD and NEW cannot both be - (standard input)\n");
    }

    @Test
    void foldersAreReadWholeAndObjectsMatchedAcrossFiles() throws IOException {
        write("old/deploy.yaml", DEPLOYMENT.formatted(1));
        write("old/nested/secret.yml", SECRET.formatted("b25l"));
        write("new/all.yaml", SECRET.formatted("b25l") + "---\n" + DEPLOYMENT.formatted(1));
        Result r = run("diff", "old", "new", "--exit-code");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("0 added, 0 removed, 0 changed, 2 unchanged\n");
    }

    @Test
    void aFolderWithChartYamlIsRenderedWithSharedAndPerSideValues() throws IOException {
        chart();
        // per-side --set
        Result r = run("diff", "app", "app", "--new-set", "replicas=2", "--brief", "--exit-code");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("~ apps/v1 Deployment web\n\n0 added, 0 removed, 1 changed, 0 unchanged\n");
        // per-side values files: the JSON names the one field that differs
        write("v1.yaml", "tag: \"1.25\"\n");
        write("v2.yaml", "tag: \"1.26\"\n");
        Result files = run("diff", "app", "app", "--old-values", "v1.yaml", "--new-values", "v2.yaml", "-o", "json");
        Map<String, Object> report = new Yaml().load(files.out());
        assertThat(report.get("objects").toString()).isEqualTo("[{change=changed, apiVersion=apps/v1, kind=Deployment,"
                + " namespace=null, name=web, changes=[{op=replace, path=/spec/template/spec/containers/0/image,"
                + " old=nginx:1.25, new=nginx:1.26}]}]");
        // shared -f and --set apply to both sides: no difference
        write("shared.yaml", "replicas: 4\n");
        assertThat(run("diff", "app", "app", "-f", "shared.yaml", "--set", "tag=2", "--exit-code").code()).isZero();
        // as everywhere, set flags sit above values files: the shared --set wins over --new-values
        write("five.yaml", "replicas: 5\n");
        assertThat(run("diff", "app", "app", "--new-values", "five.yaml", "--set", "replicas=1", "--exit-code").code())
                .isZero();
        // and a side's own --set sits above the shared one
        assertThat(run("diff", "app", "app", "--set", "replicas=1", "--old-set", "replicas=7", "--exit-code").code())
                .isEqualTo(2);
        // -n renders both sides into the namespace
        assertThat(run("diff", "app", "app", "-n", "prod", "--new-set-string", "tag=x", "--brief").out())
                .startsWith("~ apps/v1 Deployment prod/web\n");
    }

    @Test
    void aChartComparesWithItsSavedRender() throws IOException {
        chart();
        Result rendered = run("render", "app", "--skip-validation");
        assertThat(rendered.code()).as(rendered.toString()).isZero();
        write("release.yaml", rendered.out());
        assertThat(run("diff", "release.yaml", "app", "--exit-code").code()).isZero();
        Result r = run("diff", "release.yaml", "app", "--new-set", "replicas=2", "--exit-code", "-C", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("@@ -6 +6 @@\n-  replicas: 1\n+  replicas: 2\n");
    }

    @Test
    void chartArchivesAreChartsAndReleaseBundlesAreTheirManifests() throws IOException {
        write("cm/Chart.yaml", "name: cm\nversion: 0.1.0\n");
        write("cm/values.yaml", "greeting: hello\n");
        write("cm/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n"
                + "  greeting: {{greeting}}\n");
        assertThat(run("package", "cm", "-d", "dist", "--version", "1.0.0").code()).isZero();
        Result release = run("release", "cm", "--version", "1.0.0", "-d", "rel", "-n", "prod");
        assertThat(release.code()).as(release.toString()).isZero();

        // an archive renders like the folder it was made from, with the side's own values
        assertThat(run("diff", "dist/cm-1.0.0.tgz", "cm", "--exit-code").code()).isZero();
        Result archive = run("diff", "dist/cm-1.0.0.tgz", "cm", "--new-set", "greeting=hi", "-C", "0");
        assertThat(archive.out()).isEqualTo("~ v1 ConfigMap cfg\n\n~ v1 ConfigMap cfg\n@@ -6 +6 @@\n"
                + "-  greeting: hello\n+  greeting: hi\n\n0 added, 0 removed, 1 changed, 0 unchanged\n");
        // a bundle folder holds values, metadata and each object twice: only manifests.yaml is read
        assertThat(run("diff", "rel", "cm", "-n", "prod", "--exit-code").code()).isZero();
        Result bundle = run("diff", "rel", "cm", "-n", "prod", "--set", "greeting=hi", "--brief");
        assertThat(bundle.out()).isEqualTo("~ v1 ConfigMap prod/cfg\n\n0 added, 0 removed, 1 changed, 0 unchanged\n");
        assertThat(run("diff", "rel", "dist/cm-1.0.0.tgz", "--old-set", "x=1").err())
                .isEqualTo("osk: --old-values and --old-set... apply to a chart, but OLD (rel) is a release bundle\n");
    }

    @Test
    void aChartSideThatFailsToRenderIsAnErrorAtTheTemplate() throws IOException {
        chart();
        write("a.yaml", DEPLOYMENT.formatted(1));
        Result r = run("diff", "a.yaml", "app", "--set", "replicas=null", "--exit-code");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("app/templates/deploy.yaml:6:");
        assertThat(r.err()).contains("no value for 'replicas'");
    }

    @Test
    void whenBothSidesFailTheOldSidesProblemIsReported() throws IOException {
        write("bad-old.yaml", "kind: [\n");
        write("bad-new.yaml", "kind: a: b\n");
        write("nameless.yaml", "apiVersion: v1\nkind: ConfigMap\n");
        for (int i = 0; i < 3; i++) {
            Result r = run("diff", "bad-old.yaml", "bad-new.yaml");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).startsWith("bad-old.yaml:2:1: invalid YAML").hasLineCount(1);
        }
        assertThat(run("diff", "nameless.yaml", "bad-new.yaml").err()).startsWith("bad-new.yaml:1:8: invalid YAML");
        Result nameless = run("diff", "nameless.yaml", "nameless.yaml");
        assertThat(nameless.err()).isEqualTo("nameless.yaml:1:1: object has no metadata.name, so it cannot be matched"
                + " with the other side\n");
    }

    @Test
    void renderFlagsNeedAChartSide() throws IOException {
        chart();
        write("a.yaml", DEPLOYMENT.formatted(1));
        Result sideFlag = run("diff", "a.yaml", "app", "--old-set", "replicas=2");
        assertThat(sideFlag.code()).isEqualTo(1);
        assertThat(sideFlag.err()).isEqualTo("osk: --old-values and --old-set... apply to a chart, but OLD (a.yaml) is"
                + " a manifest file\n");
        Result stdinSide = withStdin(DEPLOYMENT.formatted(1), "diff", "app", "-", "--new-values", "v.yaml");
        assertThat(stdinSide.err()).isEqualTo("osk: --new-values and --new-set... apply to a chart, but NEW (-) is"
                + " standard input\n");
        Result shared = run("diff", "a.yaml", "a.yaml", "-n", "prod");
        assertThat(shared.code()).isEqualTo(1);
        assertThat(shared.err()).isEqualTo("osk: -f, --set..., -n, --release-name and --kube-version render a chart,"
                + " but neither OLD nor NEW is a chart (a folder with Chart.yaml or a .tgz chart archive)\n");
    }

    @Test
    void contextLinesAreConfigurable() throws IOException {
        write("a.yaml", DEPLOYMENT.formatted(1));
        write("b.yaml", DEPLOYMENT.formatted(3));
        assertThat(run("diff", "a.yaml", "b.yaml", "-C", "0").out()).contains("""
                ~ apps/v1 Deployment web
                @@ -6 +6 @@
                -  replicas: 1
                +  replicas: 3

                """);
        assertThat(run("diff", "a.yaml", "b.yaml", "--context", "1").out()).contains("""
                ~ apps/v1 Deployment web
                @@ -5,3 +5,3 @@
                 spec:
                -  replicas: 1
                +  replicas: 3
                   template:

                """);
    }

    @Test
    void secretValuesNeverAppearUnlessAskedFor() throws IOException {
        write("a.yaml", SECRET.formatted("b2xkLXBhc3N3b3Jk"));
        write("b.yaml", SECRET.formatted("bmV3LXBhc3N3b3Jk"));
        for (String format : List.of("text", "json")) {
            Result r = run("diff", "a.yaml", "b.yaml", "-o", format);
            assertThat(r.out()).as(format).contains("password").doesNotContain("b2xkLXBhc3N3b3Jk")
                    .doesNotContain("bmV3LXBhc3N3b3Jk").doesNotContain("YWRtaW4=");
        }
        assertThat(run("diff", "a.yaml", "b.yaml").out()).contains("""
                 data:
                -  password: (redacted)
                +  password: (redacted, changed)
                   user: (redacted)
                """);
        Map<String, Object> json = new Yaml().load(run("diff", "a.yaml", "b.yaml", "-o", "json").out());
        assertThat(json.get("objects").toString()).isEqualTo("[{change=changed, apiVersion=v1, kind=Secret,"
                + " namespace=null, name=creds, changes=[{op=replace, path=/data/password, redacted=true}]}]");
        assertThat(run("diff", "a.yaml", "b.yaml", "--show-secrets").out()).contains("""
                -  password: b2xkLXBhc3N3b3Jk
                +  password: bmV3LXBhc3N3b3Jk
                   user: YWRtaW4=
                """);
    }

    @Test
    void ignoredKindsAndFieldsDecideTheExitCode() throws IOException {
        write("a.yaml", DEPLOYMENT.formatted(1) + "---\n" + SECRET.formatted("YQ=="));
        write("b.yaml", DEPLOYMENT.formatted(3) + "---\n" + SECRET.formatted("Yg=="));
        assertThat(run("diff", "a.yaml", "b.yaml", "--exit-code", "--ignore-kind", "Secret").code()).isEqualTo(2);
        Result r = run("diff", "a.yaml", "b.yaml", "--exit-code", "--ignore-kind", "secret", "--ignore", "/spec/replicas");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("0 added, 0 removed, 0 changed, 1 unchanged\n");
    }

    @Test
    void jsonListsEveryObjectAndItsChangedFields() throws IOException {
        write("a.yaml", DEPLOYMENT.formatted(1) + "---\napiVersion: v1\nkind: Service\nmetadata: {name: old, namespace: ns}\n");
        write("b.yaml", DEPLOYMENT.formatted(3).replace("nginx:1.25", "nginx:1.26")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: ns}\ndata:\n  app.ini: |\n    a = 1\n");
        Result r = run("diff", "a.yaml", "b.yaml", "-o", "json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).endsWith("}\n").hasLineCount(1);
        Map<String, Object> json = new Yaml().load(r.out());
        assertThat(json).containsEntry("added", 1).containsEntry("removed", 1).containsEntry("changed", 1)
                .containsEntry("unchanged", 0);
        assertThat(json.get("objects").toString()).isEqualTo("["
                + "{change=added, apiVersion=v1, kind=ConfigMap, namespace=ns, name=cfg}, "
                + "{change=removed, apiVersion=v1, kind=Service, namespace=ns, name=old}, "
                + "{change=changed, apiVersion=apps/v1, kind=Deployment, namespace=null, name=web, changes=["
                + "{op=replace, path=/spec/replicas, old=1, new=3}, "
                + "{op=replace, path=/spec/template/spec/containers/0/image, old=nginx:1.25, new=nginx:1.26}]}]");
        Map<String, Object> brief = new Yaml().load(run("diff", "a.yaml", "b.yaml", "-o", "json", "--brief").out());
        assertThat(brief.get("objects").toString()).doesNotContain("changes=");
    }

    @Test
    void aConfigFileInAConfigMapDiffsLineByLine() throws IOException {
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  app.ini: |\n"
                + "    [a]\n    x = 1\n    y = 2\n    z = 3\n    [b]\n    w = %s\n";
        write("a.yaml", cm.formatted("old"));
        write("b.yaml", cm.formatted("new"));
        assertThat(run("diff", "a.yaml", "b.yaml", "-C", "1").out()).contains("""
                @@ -11,2 +11,2 @@
                     [b]
                -    w = old
                +    w = new
                """);
        Map<String, Object> json = new Yaml().load(run("diff", "a.yaml", "b.yaml", "-o", "json", "-C", "1").out());
        assertThat(json.get("objects").toString()).contains("diff=@@ -5,2 +5,2 @@\n [b]\n-w = old\n+w = new\n");
    }

    @Test
    void helpNamesTheCommandAndItsFlags() {
        Result root = run("--help");
        assertThat(root.code()).isZero();
        assertThat(root.out()).contains("diff");
        Result help = run("help", "diff");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("OLD", "NEW", "--old-values", "--new-set", "--ignore", "--ignore-kind",
                "--show-secrets", "--exit-code", "-C, --context");
    }
}
