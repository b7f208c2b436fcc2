package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.cli.Osk.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.Yaml;

/** {@code osk validate} and the validation {@code osk render} runs, seen from the command line. */
class ValidateCliTest {
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
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
            """;

    @Test
    void aValidFileExitsZeroWithASummary() throws IOException {
        write("ok.yaml", DEPLOYMENT.formatted("2"));
        Result r = run("validate", "ok.yaml");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("valid: 1 object: 0 errors, 0 warnings\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aFindingNamesFileLineObjectPointerAndCheck() throws IOException {
        write("bad.yaml", DEPLOYMENT.formatted("\"2\""));
        Result r = run("validate", "bad.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().toList()).containsExactly(
                "bad.yaml:6:13: error: apps/v1 Deployment web: /spec/replicas: must be an integer, not the string"
                        + " \"2\" [schema]",
                "invalid: 1 object: 1 error, 0 warnings");
    }

    @Test
    void stdinFoldersAndListsAreRead() throws IOException {
        write("tree/a/one.yaml", DEPLOYMENT.formatted("1"));
        write("tree/b/list.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "v"}},
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}, "data": {"k": 1}}]}
                """);
        write("tree/notes.txt", "not a manifest");
        Result folder = run("validate", "tree");
        assertThat(folder.code()).isEqualTo(1);
        assertThat(folder.out()).contains("tree/b/list.json:3:", "v1 ConfigMap b: /data/k: must be a string")
                .endsWith("invalid: 3 objects: 1 error, 0 warnings\n");
        Result stdin = withStdin(DEPLOYMENT.formatted("1") + "---\n" + DEPLOYMENT.formatted("1"), "validate", "-");
        assertThat(stdin.code()).isEqualTo(1);
        assertThat(stdin.out()).contains("<stdin>:", "another Deployment named 'web'", "[duplicates]");
    }

    @Test
    void jsonOutputListsFindingsWithPointers() throws IOException {
        write("bad.yaml", DEPLOYMENT.formatted("1").replace("image: nginx:1.25", "image: nginx:1.25\n        imagePullPolicy: Sometimes"));
        Result r = run("validate", "-o", "json", "bad.yaml");
        assertThat(r.code()).isEqualTo(1);
        Map<String, Object> report = new Yaml().load(r.out());
        assertThat(report).containsEntry("valid", false).containsEntry("objects", 1).containsEntry("errors", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> f = ((List<Map<String, Object>>) report.get("findings")).get(0);
        assertThat(f).containsEntry("check", "api-rules").containsEntry("object", "apps/v1 Deployment web")
                .containsEntry("pointer", "/spec/template/spec/containers/0/imagePullPolicy")
                .containsEntry("file", "bad.yaml").containsEntry("line", 16);
    }

    @Test
    void junitOutputHasOneTestCasePerObject() throws Exception {
        write("set.yaml", DEPLOYMENT.formatted("1") + "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                + "spec:\n  selector: {app: nothing}\n  ports: [{port: 80}]\n");
        Result r = run("validate", "-o", "junit", "set.yaml");
        assertThat(r.code()).isEqualTo(1);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("failure").item(0).getTextContent())
                .contains("v1 Service web", "/spec/selector", "[service-selectors]");
    }

    @Test
    void renderWideChecksCanBeWarningsAndObjectsExternal() throws IOException {
        write("app.yaml", DEPLOYMENT.formatted("1").replace("image: nginx:1.25",
                "image: nginx:1.25\n        envFrom: [{secretRef: {name: creds}}]"));
        assertThat(run("validate", "app.yaml").code()).isEqualTo(1);
        Result warned = run("validate", "--warn-only", "references", "app.yaml");
        assertThat(warned.code()).isZero();
        assertThat(warned.out()).contains("warning: apps/v1 Deployment web: ", "Secret 'creds' is used but not defined")
                .endsWith("valid: 1 object: 0 errors, 1 warning\n");
        Result external = run("validate", "--external", "Secret/creds", "app.yaml");
        assertThat(external.code()).isZero();
        assertThat(external.out()).isEqualTo("valid: 1 object: 0 errors, 0 warnings\n");
        assertThat(run("validate", "--warn-only", "schema", "app.yaml").code()).isEqualTo(2);
    }

    @Test
    void kubeVersionPicksTheApiSurface() throws IOException {
        write("pdb.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n"
                + "spec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n");
        assertThat(run("validate", "pdb.yaml").code()).isZero();
        Result old = run("validate", "--kube-version", "1.20", "pdb.yaml");
        assertThat(old.code()).isEqualTo(1);
        assertThat(old.out()).contains("/apiVersion: policy/v1 PodDisruptionBudget is served from Kubernetes 1.21 on");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("validate", "missing.yaml").code()).isEqualTo(2);
        assertThat(run("validate", "-o", "xml").code()).isEqualTo(2);
        assertThat(run("validate", "--kube-version", "one").code()).isEqualTo(2);
    }

    @Test
    void renderValidatesAndPrintsNoYamlWhenInvalid() throws IOException {
        write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        write("app/values.yaml", "replicas: 2\n");
        write("app/templates/deploy.yaml", DEPLOYMENT.formatted("{{replicas}}"));
        Result ok = run("render", "app");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("kind: Deployment");
        Result bad = run("render", "app", "--set-string", "replicas=2");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().lines().toList()).containsExactly(
                "app/templates/deploy.yaml:6: error: apps/v1 Deployment web: /spec/replicas: must be an integer, not"
                        + " the string \"2\" [schema] (value replicas from --set-string replicas=2)",
                "osk: invalid: 1 object: 1 error, 0 warnings; nothing written (--skip-validation to render anyway)");
        Result skipped = run("render", "app", "--set-string", "replicas=2", "--skip-validation");
        assertThat(skipped.code()).isZero();
        assertThat(skipped.out()).contains("replicas: \"2\"");
    }
}
