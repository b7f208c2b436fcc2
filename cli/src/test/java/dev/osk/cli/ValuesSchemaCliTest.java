package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "values.schema.json": every command that computes a chart's values checks them against the chart's
 * schema, with one line per problem on stderr, nothing on stdout and exit 1.
 */
class ValuesSchemaCliTest extends ChartsInTempDir {
    private static final String BAD_REPLICAS =
            "bad.yaml:1:11: app: values.replicas: string found, integer expected\n";

    @BeforeEach
    void setUp() {
        osk.chart("app", "app", "dependencies:", "  - name: web");
        osk.write("app/values.yaml", "replicas: 1\n");
        osk.write("app/values.schema.json", """
                {"properties": {"replicas": {"type": "integer", "minimum": 0}}}
                """);
        osk.write("app/templates/cm.yaml", Osk.configMap("app", "replicas: \"{{replicas}}\""));
        osk.chart("app/charts/web", "web");
        osk.write("app/charts/web/values.yaml", "port: 80\n");
        osk.write("app/charts/web/values.schema.json", """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "properties": {"port": {"type": "integer", "maximum": 65535}}}
                """);
        osk.write("app/charts/web/templates/cm.yaml", Osk.configMap("web", "port: \"{{port}}\""));
        osk.write("bad.yaml", "replicas: many\n");
    }

    private Osk.Result run(String... args) {
        return Osk.withStdin(tmp, "", args);
    }

    @Test
    void renderReportsEveryProblemAtWhatSetIt() {
        Osk.Result r = run("render", "app", "-f", "bad.yaml", "--set", "web.port=70000");
        assertThat(r.err()).isEqualTo(BAD_REPLICAS
                + "--set web.port=70000: app/charts/web: values.port: must have a maximum value of 65535\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void valuesAndExplainCheckToo() {
        for (String[] args : new String[][] {{"values", "app", "-f", "bad.yaml"},
                {"values", "app", "-f", "bad.yaml", "--explain"}}) {
            Osk.Result r = run(args);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo(BAD_REPLICAS);
            assertThat(r.out()).isEmpty();
            assertThat(r.code()).isEqualTo(1);
        }
        assertThat(run("values", "app", "--set", "replicas=2").code()).isZero();
    }

    @Test
    void diffOfChartsChecksEachSide() {
        Osk.Result r = run("diff", "app", "app", "--new-values", "bad.yaml");
        assertThat(r.err()).isEqualTo(BAD_REPLICAS);
        assertThat(r.out()).isEmpty();
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void aBrokenSchemaFileIsAnErrorNamingItEvenWhenPackaging() {
        osk.write("app/charts/web/values.schema.json", "{\"properties\": {\"port\": {\"$ref\": "
                + "\"https://schemas.example.com/port.json\"}}}\n");
        String line = "app/charts/web/values.schema.json: $ref 'https://schemas.example.com/port.json' at"
                + " /properties/port/$ref points outside this file; osk reads no other schema (no http, https or file"
                + " references): use a reference inside the document, such as '#/$defs/NAME' or"
                + " '#/definitions/NAME'\n";
        for (String[] args : new String[][] {{"render", "app"}, {"values", "app"}, {"package", "app", "-d", "dist"}}) {
            Osk.Result r = run(args);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo(line);
            assertThat(r.code()).isEqualTo(1);
        }
        assertThat(Files.exists(tmp.resolve("dist/app-0.1.0.tgz"))).isFalse();
    }

    @Test
    void anArchiveKeepsTheSchemasAndChecksWithThem() throws Exception {
        Osk.Result p = run("package", "app", "-d", "dist");
        assertThat(p.code()).as(p.toString()).isZero();
        Osk.Result show = run("render", "dist/app-0.1.0.tgz", "--set", "web.port=2");
        assertThat(show.code()).as(show.toString()).isZero();
        Osk.Result r = run("render", "dist/app-0.1.0.tgz", "-f", "bad.yaml", "--set-json", "web.port=\"80\"");
        assertThat(r.err()).isEqualTo(BAD_REPLICAS
                + "--set-json web.port=\"80\": app/charts/web: values.port: string found, integer expected\n");
        assertThat(r.code()).isEqualTo(1);
        java.util.List<String> names = new java.util.ArrayList<>();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(Files.newInputStream(tmp.resolve("dist/app-0.1.0.tgz"))))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("app/values.schema.json", "app/charts/web/values.schema.json");
    }
}
