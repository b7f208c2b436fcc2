package dev.osk.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestWriter;
import dev.osk.render.testing.TestCharts;
import dev.osk.render.validate.Finding;
import dev.osk.render.validate.ValidationOptions;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.validate.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Engine#renderChecked}, which writes and validates each object as it is parsed, gives what rendering the
 * whole set, validating it with {@link Validator} and writing it gives: the same text, the same findings at the
 * same template lines, the same notes; and it holds a clean render's objects as written text.
 */
class CheckedRenderingTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    private static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: {{name}}}
            spec:
              selector: {matchLabels: {app: {{name}}}}
              template:
                metadata: {labels: {app: {{name}}}}
                spec:
                  containers:
                  - name: app
                    image: app:1
                    envFrom: [{configMapRef: {name: {{config}}}}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: {{name}}}
            spec:
              selector: {app: {{name}}}
              ports: [{port: {{port}}}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: {{name}}}
            data: {a: b}
            """;

    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
        fx.chart("app", "app", "external: [Secret/vault]");
        fx.write("app/values.yaml", "name: web\nconfig: web\nport: 80\n");
        fx.write("app/templates/app.yaml", APP);
    }

    private static ValidationOptions options() {
        return new ValidationOptions(KubeVersion.DEFAULT, Set.of(), Set.of());
    }

    /** The render validated the whole way: rendered, validated with the chart's externals, value origins added. */
    private ValidationReport wholeReport(RenderRequest req, ValidationOptions vo) {
        Engine engine = new Engine();
        Rendering r = engine.rendering(req);
        return engine.withValueOrigins(req, new Validator().validate(r.manifests(), vo.with(r.external())));
    }

    private static List<String> texts(ValidationReport r) {
        return r.findings().stream().map(Finding::text).toList();
    }

    private void sameAsWhole(RenderRequest req, ValidationOptions vo) {
        Engine.CheckedRendering checked = new Engine().renderChecked(req, vo);
        ManifestWriter writer = new ManifestWriter();
        assertThat(writer.stream(checked.manifests())).isEqualTo(writer.stream(new Engine().render(req)));
        if (vo == null) {
            assertThat(checked.report()).isNull();
            return;
        }
        ValidationReport whole = wholeReport(req, vo);
        assertThat(texts(checked.report())).isEqualTo(texts(whole));
        assertThat(checked.report().notes()).isEqualTo(whole.notes());
        assertThat(checked.report().summary()).isEqualTo(whole.summary());
    }

    @Test
    void aCleanRenderIsHeldAsWrittenTextAndGivesTheWholeRendersOutput() {
        RenderRequest req = fx.request("app", TestCharts.options("prod", null));
        Engine.CheckedRendering checked = new Engine().renderChecked(req, options());
        assertThat(checked.manifests()).hasSize(3).allMatch(Manifest::isWritten);
        assertThat(checked.report().findings()).isEmpty();
        assertThat(new ManifestWriter().stream(checked.manifests())).contains("""
                ---
                # Source: app/templates/app.yaml
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: prod
                """);
        sameAsWhole(req, options());
        sameAsWhole(req, null);
        sameAsWhole(fx.request("app", TestCharts.options(null, "1.20")), options());
    }

    @Test
    void aRenderWithFindingsReportsThemAsTheWholeValidationDoes() {
        RenderRequest req = fx.request("app", RenderOptions.defaults(), TestCharts.set("port=99999"),
                TestCharts.set("config=missing"));
        ValidationReport report = new Engine().renderChecked(req, options()).report();
        assertThat(texts(report)).containsExactly(
                "app/templates/app.yaml:19: error: v1 Service web: /spec/ports/0/port: port 99999 is out of range"
                        + " (1-65535) [api-rules] (value port from --set port=99999)",
                "app/templates/app.yaml:12: error: apps/v1 Deployment web:"
                        + " /spec/template/spec/containers/0/envFrom/0/configMapRef/name: ConfigMap 'missing' is used"
                        + " but not defined in this set (add it, or list it with --external ConfigMap/missing)"
                        + " [references] (value config from --set config=missing)");
        sameAsWhole(req, options());
        // only the object's own checks: a reference to what the set lacks is no finding then
        sameAsWhole(fx.request("app", RenderOptions.defaults(), TestCharts.set("config=missing")),
                options().objectChecksOnly());
        assertThat(new Engine().renderChecked(fx.request("app", RenderOptions.defaults(),
                TestCharts.set("config=missing")), options().objectChecksOnly()).report().findings()).isEmpty();
    }

    @Test
    void aNoteOnADeclaredExternalComesFromACleanRenderToo() {
        fx.write("app/templates/app.yaml", APP.replace("configMapRef: {name: {{config}}}", "secretRef: {name: vault}"));
        RenderRequest req = fx.request("app", RenderOptions.defaults());
        ValidationReport report = new Engine().renderChecked(req, options()).report();
        assertThat(report.notes()).containsExactly("Secret/vault is not in this render; app/Chart.yaml declares it"
                + " external");
        sameAsWhole(req, options());
    }

    private static final String DEFINITION = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: gadgets, singular: gadget, kind: Gadget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: {type: object, properties: {size: {type: integer}}}
            """;

    @Test
    void customResourcesAreCheckedAgainstTheSetsDefinitionsOnceAllAreParsed() {
        // the resource comes before its definition: it is kept whole until the end
        fx.write("app/templates/a-gadget.yaml", """
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: g}
                spec: {size: {{size}}}
                """);
        fx.write("app/templates/b-definition.yaml", DEFINITION);
        fx.write("app/values.yaml", "name: web\nconfig: web\nport: 80\nsize: 3\n");
        RenderRequest req = fx.request("app", RenderOptions.defaults());
        Engine.CheckedRendering checked = new Engine().renderChecked(req, options());
        assertThat(checked.report().findings()).isEmpty();
        assertThat(checked.manifests()).filteredOn(m -> !m.isWritten()).extracting(Manifest::kind)
                .containsExactly("CustomResourceDefinition", "Gadget");
        sameAsWhole(req, options());

        RenderRequest bad = fx.request("app", RenderOptions.defaults(), TestCharts.set("size=big"));
        assertThat(texts(new Engine().renderChecked(bad, options()).report())).singleElement().asString()
                .isEqualTo("app/templates/a-gadget.yaml:4: error: example.com/v1 Gadget g: /spec/size: must be an"
                        + " integer, not the string \"big\" [schema] (value size from --set size=big)");
        sameAsWhole(bad, options());
    }

    @Test
    void aDefinitionOfTheSetThatTakesOverABuiltInKindIsFollowedAsTheWholeValidationFollowsIt() {
        // a definition for apps/Deployment: the whole validation checks Deployments against it, not the model
        fx.write("app/templates/b-definition.yaml", DEFINITION.replace("gadgets.example.com", "deployments.apps")
                .replace("group: example.com", "group: apps").replace("plural: gadgets, singular: gadget, kind: Gadget",
                        "plural: deployments, singular: deployment, kind: Deployment"));
        RenderRequest req = fx.request("app", RenderOptions.defaults());
        ValidationReport whole = wholeReport(req, options());
        assertThat(texts(whole)).as("what the whole validation says").isNotEmpty();
        sameAsWhole(req, options());
    }

    @Test
    void aPlaceholderPasswordThatReachesTheRenderFailsAsTheWholeRenderFails() {
        fx.write("app/values.yaml", "name: web\nconfig: web\nport: 80\npassword: change-me-web\n");
        fx.write("app/templates/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: web-secret}
                stringData: {password: {{password}}}
                """);
        RenderRequest req = fx.request("app", RenderOptions.defaults());
        assertThatThrownBy(() -> new Engine().renderChecked(req, options()))
                .isInstanceOf(MultipleProblemsException.class)
                .hasMessageContaining("password holds the placeholder password 'change-me-web'");
    }
}
