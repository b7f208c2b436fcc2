package dev.osk.render;

import static dev.osk.render.testing.TestCharts.file;
import static dev.osk.render.testing.TestCharts.set;
import static dev.osk.render.testing.TestCharts.setString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.release.ChartPackager;
import dev.osk.render.release.PackagedChart;
import dev.osk.render.testing.TestCharts;
import dev.osk.render.values.ValueSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README "values.schema.json": each chart's final values against its own schema, through a real chart tree. */
class ValuesSchemaTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    /** app (schema: replicas an integer >= 0, name required) -> web (schema: port an integer up to 65535). */
    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
        fx.chart("app", "app", "dependencies:", "  - name: web");
        fx.write("app/values.yaml", "replicas: 1\nname: shop\nweb:\n  port: 80\n");
        fx.write("app/values.schema.json", """
                {
                  "type": "object",
                  "properties": {
                    "replicas": {"type": "integer", "minimum": 0},
                    "name": {"type": "string"}
                  },
                  "required": ["name"]
                }
                """);
        fx.write("app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{name}}\n");
        fx.chart("app/charts/web", "web");
        fx.write("app/charts/web/values.yaml", "port: 8080\n");
        fx.write("app/charts/web/values.schema.json", """
                {"properties": {"port": {"type": "integer", "maximum": 65535}}}
                """);
    }

    private List<String> problems(ValueSource... sources) {
        try {
            fx.render("app", sources);
        } catch (OskException e) {
            return e.lines();
        }
        throw new AssertionError("the render succeeded");
    }

    @Test
    void valuesThatMeetTheSchemasRender() {
        assertThat(fx.render("app", set("replicas=3"))).hasSize(1);
    }

    @Test
    void everyProblemOfEveryChartIsOneLineAtWhatSetTheValue() {
        fx.write("bad.yaml", "replicas: many\nweb:\n  port: 99999\n");
        assertThat(problems(file("bad.yaml"), set("name=null"))).containsExactly(
                "bad.yaml:1:11: app: values.replicas: string found, integer expected",
                "app/values.schema.json: app: values: required property 'name' not found",
                "bad.yaml:3:9: app/charts/web: values.port: must have a maximum value of 65535");
    }

    @Test
    void aFlagIsNamedAsGiven() {
        assertThat(problems(setString("replicas=2"))).containsExactly(
                "--set-string replicas=2: app: values.replicas: string found, integer expected");
        assertThat(problems(set("replicas=-1"))).containsExactly(
                "--set replicas=-1: app: values.replicas: must have a minimum value of 0");
    }

    @Test
    void aChartDefaultThatBreaksItsSchemaIsAtItsValuesYamlLine() {
        fx.write("app/values.yaml", "replicas: 1\nname: shop\n");
        fx.write("app/charts/web/values.yaml", "port: http\n");
        assertThat(problems()).containsExactly(
                "app/charts/web/values.yaml:1:7: app/charts/web: values.port: string found, integer expected");
    }

    @Test
    void aSubchartSchemaSeesItsOwnScopeWithGlobal() {
        fx.write("app/charts/web/values.schema.json", """
                {"properties": {"port": {"type": "integer"},
                                "global": {"properties": {"domain": {"type": "string", "pattern": "^[a-z.]+$"}}}},
                 "required": ["port"]}
                """);
        fx.write("g.yaml", "global:\n  domain: Example.COM\n");
        assertThat(problems(file("g.yaml"))).containsExactly(
                "g.yaml:2:11: app/charts/web: values.global.domain: does not match the regex pattern ^[a-z.]+$");
    }

    @Test
    void draft2020KeywordsApplyWhenSchemaNamesIt() {
        fx.write("app/charts/web/values.schema.json", """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "properties": {"hosts": {"prefixItems": [{"type": "string"}, {"type": "integer"}]}},
                  "dependentRequired": {"tls": ["cert"]}
                }
                """);
        assertThat(problems(set("web.hosts={a,b},web.tls=true"))).containsExactly(
                "--set web.hosts={a,b},web.tls=true: app/charts/web: values.hosts[1]: string found, integer expected",
                "--set web.hosts={a,b},web.tls=true: app/charts/web: values: has a missing property 'cert' which is"
                        + " dependent required because 'tls' is present");
    }

    @Test
    void withoutSchemaKeywordItIsDraft7WherePrefixItemsMeansNothing() {
        fx.write("app/charts/web/values.schema.json", """
                {"properties": {"hosts": {"prefixItems": [{"type": "integer"}], "items": {"type": "string"}}}}
                """);
        assertThat(fx.render("app", set("web.hosts={a,b}"))).hasSize(1);
        assertThat(problems(set("web.hosts={1}"))).containsExactly(
                "--set web.hosts={1}: app/charts/web: values.hosts[0]: integer found, string expected");
    }

    @Test
    void inDocumentReferencesResolve() {
        fx.write("app/charts/web/values.schema.json", """
                {"definitions": {"port": {"type": "integer", "maximum": 65535}},
                 "properties": {"port": {"$ref": "#/definitions/port"}}}
                """);
        assertThat(problems(set("web.port=70000"))).containsExactly(
                "--set web.port=70000: app/charts/web: values.port: must have a maximum value of 65535");
    }

    @Test
    void aRemoteReferenceIsRefusedWhenTheChartLoads() {
        fx.write("app/charts/web/values.schema.json", """
                {"properties": {"port": {"$ref": "https://example.com/port.json"}}}
                """);
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessage("app/charts/web/values.schema.json: $ref 'https://example.com/port.json' at"
                        + " /properties/port/$ref points outside this file; osk reads no other schema (no http, https"
                        + " or file references): use a reference inside the document, such as '#/$defs/NAME' or"
                        + " '#/definitions/NAME'");
        fx.write("app/charts/web/values.schema.json", """
                {"properties": {"port": {"$ref": "port.json"}}}
                """);
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/charts/web/values.schema.json: $ref 'port.json' at /properties/port/$ref"
                        + " points outside this file");
    }

    @Test
    void aBrokenSchemaFileIsAnErrorNamingIt() {
        fx.write("app/values.schema.json", "{\"type\": \"object\",\n \"properties\": {,}}\n");
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessage("app/values.schema.json:2:17: invalid JSON: Unexpected character (','): was expecting"
                        + " double-quote to start field name");
        fx.write("app/values.schema.json", "{\"$schema\": \"https://json-schema.org/draft/2031-01/schema\"}");
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/values.schema.json: $schema 'https://json-schema.org/draft/2031-01/schema'"
                        + " is no JSON Schema draft osk knows");
        fx.write("app/values.schema.json", "{\"properties\": {\"a\": {\"minimum\": \"ten\"}}}");
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessage("app/values.schema.json: is not a valid JSON Schema: minimum value is not a number");
        fx.write("app/values.schema.json", "{\"a\": 1,\n \"a\": 2}");
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/values.schema.json:2:").hasMessageEndingWith(": invalid JSON: Duplicate field 'a'");
    }

    @Test
    void aLibraryChartMayNotHaveOne() {
        fx.chart("app/charts/lib", "lib", "type: library");
        fx.write("app/charts/lib/values.schema.json", "{}");
        fx.chart("app", "app", "dependencies:", "  - name: web", "  - name: lib");
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessage("app/charts/lib/values.schema.json: a library chart has no values of its own to check;"
                        + " put the schema in the charts that use it");
    }

    @Test
    void aDisabledSubchartIsNotChecked() {
        fx.chart("app", "app", "dependencies:", "  - {name: web, condition: web.enabled}");
        assertThat(fx.render("app", set("web.enabled=false,web.port=x"))).hasSize(1);
    }

    @Test
    void theArchiveKeepsTheSchema() throws Exception {
        PackagedChart p = new ChartPackager(fx::display).pack(fx.path("app"), null, null, 0);
        Files.write(tmp.resolve(p.fileName()), p.bytes());
        assertThatThrownBy(() -> fx.render(p.fileName(), set("web.port=70000"))).isInstanceOf(OskException.class)
                .hasMessage("--set web.port=70000: app/charts/web: values.port: must have a maximum value of 65535");
        assertThatThrownBy(() -> fx.render(p.fileName(), set("replicas=x"))).isInstanceOf(OskException.class)
                .hasMessage("--set replicas=x: app: values.replicas: string found, integer expected");
    }
}
