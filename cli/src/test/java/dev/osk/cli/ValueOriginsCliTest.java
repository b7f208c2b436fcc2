package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "Validation": a finding of a rendered object whose line holds values names where they were set, the
 * overlay file and line, the {@code --set} flag or the chart's defaults, after the finding as it is without them.
 */
class ValueOriginsCliTest extends ChartsInTempDir {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{name}}
              labels:
                tier: {{tier}}-{{track}}
            spec:
              replicas: {{replicas}}
              selector:
                matchLabels: {app: api}
              template:
                metadata:
                  labels: {app: api}
                spec:
                  containers:
                    - name: api
                      image: {{image}}
                      imagePullPolicy: {{pullPolicy}}
                      resources: {{resources}}
                    - name: side
                      image: side:1
                      imagePullPolicy: Sometimes
            """;

    private static final String DEFAULTS = "name: api\nreplicas: 1\ntier: web\ntrack: stable\nimage: api:1\n"
            + "pullPolicy: IfNotPresent\nresources: {}\n";

    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/values.yaml", DEFAULTS);
        osk.write("app/templates/deploy.yaml", DEPLOYMENT);
    }

    private String finding(int line, String pointerAndMessage) {
        return osk.path("app/templates/deploy.yaml") + ":" + line + ": error: apps/v1 Deployment api: "
                + pointerAndMessage;
    }

    /** The finding on a line that holds no value: as it always was. */
    private String sidePolicy() {
        return finding(22, "/spec/template/spec/containers/1/imagePullPolicy: unsupported value 'Sometimes': must be"
                + " one of Always, Never, IfNotPresent [api-rules]");
    }

    @Test
    void aValueFromAnOverlayNamesTheFileAndLine() {
        osk.write("dev.yaml", "# development\nreplicas: -1\n");
        Osk.Result r = Osk.exec("render", osk.path("app"), "-f", osk.path("dev.yaml"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                finding(8, "/spec/replicas: must be greater than or equal to 0 [api-rules] (value replicas from "
                        + osk.path("dev.yaml") + ":2:11)"),
                sidePolicy(),
                "osk: invalid: 1 object: 2 errors, 0 warnings; nothing written (--skip-validation to render anyway)");
    }

    @Test
    void aValueFromASetFlagNamesTheFlag() {
        Osk.Result r = Osk.exec("render", osk.path("app"), "--set", "replicas=-1", "--set-string",
                "pullPolicy=Sometimes");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                finding(8, "/spec/replicas: must be greater than or equal to 0 [api-rules]"
                        + " (value replicas from --set replicas=-1)"),
                finding(18, "/spec/template/spec/containers/0/imagePullPolicy: unsupported value 'Sometimes': must"
                        + " be one of Always, Never, IfNotPresent [api-rules]"
                        + " (value pullPolicy from --set-string pullPolicy=Sometimes)"),
                sidePolicy(),
                "osk: invalid: 1 object: 3 errors, 0 warnings; nothing written (--skip-validation to render anyway)");
    }

    @Test
    void aDefaultNamesTheChartsValuesFileAndEveryValueOnTheLine() {
        osk.write("app/values.yaml", DEFAULTS.replace("track: stable", "track: stable!"));
        Osk.Result r = Osk.exec("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        String values = osk.path("app/values.yaml");
        assertThat(r.errLines()).hasSize(3);
        assertThat(r.errLines().get(0)).startsWith(finding(6, "/metadata/labels/tier: "))
                .contains("'web-stable!'")
                .endsWith("] (value tier from " + values + ":3:7, value track from " + values + ":4:8)");
    }

    @Test
    void aMapValueNamesTheNodeInsideItThatTheFindingIsAbout() {
        osk.write("dev.yaml", "resources:\n  limits:\n    memory: 1Gi\n    cpu: lots\n");
        Osk.Result r = Osk.exec("render", osk.path("app"), "-f", osk.path("dev.yaml"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                finding(19, "/spec/template/spec/containers/0/resources/limits/cpu: 'lots' is not a valid quantity"
                        + " (like 500m, 1.5, 2Gi, 1e3) [api-rules] (value resources.limits.cpu from "
                        + osk.path("dev.yaml") + ":4:10)"),
                sidePolicy(),
                "osk: invalid: 1 object: 2 errors, 0 warnings; nothing written (--skip-validation to render anyway)");
    }

    @Test
    void aSubchartsValueIsNamedByThePathFromTheTopChart() {
        osk.chart("top", "top", "dependencies:", "  - name: app", "    repository: file://../app", "    alias: web");
        osk.write("dev.yaml", "web:\n  replicas: -1\n");
        Osk.Result r = Osk.exec("render", osk.path("top"), "-f", osk.path("dev.yaml"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines().get(0)).isEqualTo(finding(8, "/spec/replicas: must be greater than or equal to 0"
                + " [api-rules] (value web.replicas from " + osk.path("dev.yaml") + ":2:13)"));
    }

    @Test
    void applyNamesTheOriginToo() {
        Osk.Result r = Osk.exec("apply", osk.path("app"), "--set", "replicas=-1", "--kubectl", "/nonexistent");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                finding(8, "/spec/replicas: must be greater than or equal to 0 [api-rules]"
                        + " (value replicas from --set replicas=-1)"),
                sidePolicy(),
                "osk: invalid: 1 object: 2 errors, 0 warnings; nothing sent to kubectl");
    }

    @Test
    void validatingAFileHasNoValuesToName() {
        osk.write("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: -1\n"
                + "  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n"
                + "    spec:\n      containers:\n        - name: api\n          image: api:1\n");
        Osk.Result r = Osk.exec("validate", osk.path("d.yaml"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(osk.path("d.yaml") + ":6:13: error: apps/v1 Deployment api:"
                + " /spec/replicas: must be greater than or equal to 0 [api-rules]\n"
                + "invalid: 1 object: 1 error, 0 warnings\n");
    }
}
