package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.cli.Osk.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom resources seen from the command line: checked against a CustomResourceDefinition of the set or of a
 * {@code --crd} file, left unchecked with {@code --skip-kind}, an error without either.
 */
class CustomResourcesCliTest {
    @TempDir
    Path dir;

    Result run(String... args) {
        return Osk.withStdin(dir, "", args);
    }

    void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        required: [size]
                        properties:
                          size: {type: integer, minimum: 1}
                          color: {type: string, enum: [red, green]}
            """;

    static final String WIDGET = """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: %s
            spec:
              %s
            """;

    static final String NO_DEFINITION = "widget.yaml:2:7: error: example.com/v1 Widget w: /kind: unknown kind 'Widget'"
            + " (example.com/v1): not a built-in type, and no CustomResourceDefinition in the set or given with --crd"
            + " defines it (--skip-kind Widget leaves it unchecked) [schema]";

    @Test
    void aCustomResourceWithoutDefinitionIsAnErrorThatNamesTheFlags() throws IOException {
        write("widget.yaml", WIDGET.formatted("w", "size: 1"));
        Result r = run("validate", "widget.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().lines().toList()).containsExactly(NO_DEFINITION, "invalid: 1 object: 1 error, 0 warnings");
    }

    @Test
    void crdFileDefinesTheKindWithoutJoiningTheSet() throws IOException {
        write("crds/widgets.yaml", CRD);
        write("widget.yaml", WIDGET.formatted("w", "size: 1"));
        Result r = run("validate", "--crd", "crds/widgets.yaml", "widget.yaml");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("valid: 1 object: 0 errors, 0 warnings\n");
        // a folder of definitions too, read as osk validate reads folders
        assertThat(run("validate", "--crd", "crds", "widget.yaml").code()).isZero();
    }

    @Test
    void theCustomResourceIsCheckedAgainstItsSchema() throws IOException {
        write("crd.yaml", CRD);
        write("widget.yaml", WIDGET.formatted("Big_Widget", "size: 0\n  color: blue\n  colour: red"));
        Result r = run("validate", "--crd", "crd.yaml", "widget.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().toList()).containsExactly(
                "widget.yaml:6:9: error: example.com/v1 Widget Big_Widget: /spec/size: must be at least 1, not 0 [schema]",
                "widget.yaml:7:10: error: example.com/v1 Widget Big_Widget: /spec/color: unsupported value 'blue': must"
                        + " be one of red, green [schema]",
                "widget.yaml:8:11: error: example.com/v1 Widget Big_Widget: /spec/colour: unknown field \"colour\" (did"
                        + " you mean \"color\"?) [schema]",
                "widget.yaml:4:9: error: example.com/v1 Widget Big_Widget: /metadata/name: name 'Big_Widget' must be a"
                        + " DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter"
                        + " or digit, at most 253 characters) [api-rules]",
                "invalid: 1 object: 4 errors, 0 warnings");
    }

    @Test
    void aDefinitionInTheSetServesToo() throws IOException {
        write("set.yaml", CRD + "---\n" + WIDGET.formatted("w", "color: red"));
        Result r = run("validate", "set.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().toList()).containsExactly(
                "set.yaml:29:3: error: example.com/v1 Widget w: /spec/size: required field is missing: size [schema]",
                "invalid: 2 objects: 1 error, 0 warnings");
    }

    @Test
    void anUnservedVersionIsAnError() throws IOException {
        write("crd.yaml", CRD);
        write("widget.yaml", WIDGET.formatted("w", "size: 1").replace("example.com/v1", "example.com/v2"));
        Result r = run("validate", "--crd", "crd.yaml", "widget.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().toList()).containsExactly(
                "widget.yaml:1:13: error: example.com/v2 Widget w: /apiVersion: apiVersion 'example.com/v2' is not a"
                        + " served version of CustomResourceDefinition widgets.example.com (served: v1) [schema]",
                "invalid: 1 object: 1 error, 0 warnings");
    }

    static final String V1BETA1_CRD = """
            apiVersion: apiextensions.k8s.io/v1beta1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              version: v1
              scope: Namespaced
              names: {plural: widgets, kind: Widget}
              validation:
                openAPIV3Schema:
                  properties:
                    spec: {properties: {size: {type: integer}}}
            """;

    @Test
    void aV1beta1DefinitionFromACrdFileServesWhateverTheTarget() throws IOException {
        write("crd.yaml", V1BETA1_CRD);
        write("widget.yaml", WIDGET.formatted("w", "size: 1\n  other: kept"));
        Result r = run("validate", "--crd", "crd.yaml", "widget.yaml");
        assertThat(r.code()).as(r.toString()).isZero();
        write("bad.yaml", WIDGET.formatted("w", "size: one"));
        assertThat(run("validate", "--crd", "crd.yaml", "bad.yaml").out().lines().toList()).containsExactly(
                "bad.yaml:6:9: error: example.com/v1 Widget w: /spec/size: must be an integer, not the string \"one\""
                        + " [schema]",
                "invalid: 1 object: 1 error, 0 warnings");
        // in the set, it is an object to apply, and 1.34 no longer serves its apiVersion
        write("set.yaml", V1BETA1_CRD + "---\n" + WIDGET.formatted("w", "size: 1"));
        assertThat(run("validate", "set.yaml").out().lines().toList()).containsExactly(
                "set.yaml:1:13: error: apiextensions.k8s.io/v1beta1 CustomResourceDefinition widgets.example.com:"
                        + " /apiVersion: apiextensions.k8s.io/v1beta1 CustomResourceDefinition was removed in Kubernetes"
                        + " 1.22 (target 1.34) [schema]",
                "invalid: 2 objects: 1 error, 0 warnings");
    }

    @Test
    void skipKindLeavesAKindUnchecked() throws IOException {
        write("widget.yaml", WIDGET.formatted("w", "size: nonsense"));
        for (String kind : new String[] {"Widget", "example.com/Widget"}) {
            Result r = run("validate", "--skip-kind", kind, "widget.yaml");
            assertThat(r.code()).as("--skip-kind %s: %s", kind, r).isZero();
            assertThat(r.out()).isEqualTo("valid: 1 object: 0 errors, 0 warnings\n");
        }
        // another group's kind of that name is not skipped
        Result other = run("validate", "--skip-kind", "example.org/Widget", "widget.yaml");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.out().lines().toList()).containsExactly(NO_DEFINITION, "invalid: 1 object: 1 error, 0 warnings");
    }

    @Test
    void aMalformedSkipKindIsAUsageError() {
        Result r = run("validate", "--skip-kind", "not a kind", "-");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("osk: --skip-kind 'not a kind': expected KIND or GROUP/KIND, e.g. ServiceMonitor or"
                + " monitoring.coreos.com/ServiceMonitor\n");
    }

    @Test
    void aMissingCrdFileIsAUsageError() {
        Result r = run("validate", "--crd", "missing.yaml", "-");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("osk: no such file or folder: missing.yaml\n");
    }

    @Test
    void whatIsWrongInACrdFileIsReportedAtItsFileAndLine() throws IOException {
        write("crds.yaml", CRD.replace("size: {type: integer, minimum: 1}", "size: {type: int, minimum: 1}")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n");
        write("widget.yaml", WIDGET.formatted("w", "size: 1"));
        Result r = run("validate", "--crd", "crds.yaml", "widget.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().toList()).containsExactly(
                "crds.yaml:21:28: error: apiextensions.k8s.io/v1 CustomResourceDefinition widgets.example.com:"
                        + " /spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type: unsupported"
                        + " value 'int': must be one of array, boolean, integer, number, object, string [schema]",
                "crds.yaml:25:7: error: v1 ConfigMap stray: /kind: not a CustomResourceDefinition: a --crd file"
                        + " may hold only CustomResourceDefinitions [schema]",
                "invalid: 1 object: 2 errors, 0 warnings");
    }

    @Test
    void aCrdFileThatIsNotYamlIsAnErrorAtItsLine() throws IOException {
        write("crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: [CustomResourceDefinition\n");
        Result r = run("validate", "--crd", "crd.yaml", "-");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("crd.yaml:3:");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void renderTakesTheSameFlags() throws IOException {
        write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        write("app/templates/widget.yaml", WIDGET.formatted("w", "size: 1"));
        write("crd.yaml", CRD);
        Result without = run("render", "app");
        assertThat(without.code()).isEqualTo(1);
        assertThat(without.out()).isEmpty();
        assertThat(without.err().lines().toList()).containsExactly(
                NO_DEFINITION.replace("widget.yaml:2:7:", "app/templates/widget.yaml:2:"),
                "osk: invalid: 1 object: 1 error, 0 warnings; nothing written (--skip-validation to render anyway)");
        Result with = run("render", "app", "--crd", "crd.yaml");
        assertThat(with.code()).as(with.toString()).isZero();
        // the definition is not rendered: only the chart's object is
        assertThat(with.out()).contains("kind: Widget").doesNotContain("CustomResourceDefinition");
        assertThat(run("render", "app", "--skip-kind", "Widget").code()).isZero();
    }

    @Test
    void releaseRefusesTheFlags() throws IOException {
        write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        Result r = run("release", "app", "--version", "1.0.0", "-d", "out", "--skip-kind", "Widget");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("osk: release: --crd and --skip-kind are not supported: a release bundle is"
                + " verified from its own contents\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
