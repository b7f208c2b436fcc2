package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service chart rendered on its own, as one installs one chart at a time: what it waits for that other charts
 * render is declared in its Chart.yaml ({@code external}) and accepted with a note; anything else it waits for is
 * still an error.
 */
class ServiceChartsAloneCliTest {

    @TestFactory
    Stream<DynamicTest> everyServiceChartRendersAndValidatesAloneWithTheDefaultOverlay() throws IOException {
        List<Path> charts = CatalogueTest.dirs("charts/services");
        assertThat(charts).hasSizeGreaterThanOrEqualTo(14);
        return charts.stream().map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
            String rel = "charts/services/" + chart.getFileName();
            Osk.Result r = Osk.inRepo("render", rel, "-f", "values/aio.yaml");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("---\n# Source: " + chart.getFileName() + "/");
            assertThat(r.out()).doesNotContain("osk: note");
            for (String line : r.errLines()) {
                assertThat(line).matches("osk: note: [A-Z][A-Za-z]+/\\S+ is not in this render; " + rel
                        + "/Chart.yaml declares it external");
            }
        }));
    }

    @Test
    void keystoneAloneNotesMariadbAndMemcached() {
        Osk.Result r = Osk.inRepo("render", "charts/services/keystone", "-f", "values/aio.yaml");
        assertThat(r.code()).isZero();
        assertThat(r.errLines()).containsExactly(
                "osk: note: Service/mariadb is not in this render; charts/services/keystone/Chart.yaml declares it external",
                "osk: note: Service/memcached is not in this render; charts/services/keystone/Chart.yaml declares it external");
    }

    @Test
    void insideTheKitNothingIsNoted() {
        Osk.Result r = Osk.inRepo("render", "charts/kits/openstack", "-f", "values/aio.yaml");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
    }

    private static final String WAITING_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              selector: {matchLabels: {app: app}}
              template:
                metadata: {labels: {app: app}}
                spec:
                  initContainers:
                    - name: init
                      image: entrypoint
                      env:
                        - {name: DEPENDENCY_SERVICE, value: "db,cache"}
                        - {name: DEPENDENCY_JOBS, value: "setup"}
                  containers:
                    - {name: app, image: app}
            """;

    @Test
    void aWaitTheChartDoesNotDeclareStaysAnError(@TempDir Path tmp) {
        Osk osk = new Osk(tmp);
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\nexternal:\n  - Service/db\n  - Job/setup\n");
        osk.write("app/templates/deployment.yaml", WAITING_DEPLOYMENT);
        Osk.Result r = Osk.withStdin(osk.base(), "", "render", "app");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "app/templates/deployment.yaml:13: error: apps/v1 Deployment app:"
                        + " /spec/template/spec/initContainers/0/env/0/value: waits for Service 'cache', which is not"
                        + " in this set [dependencies]",
                "osk: note: Service/db is not in this render; app/Chart.yaml declares it external",
                "osk: note: Job/setup is not in this render; app/Chart.yaml declares it external",
                "osk: invalid: 1 object: 1 error, 0 warnings; nothing written (--skip-validation to render anyway)");
    }

    @Test
    void onlyTheRenderedChartsDeclarationCounts(@TempDir Path tmp) {
        Osk osk = new Osk(tmp);
        osk.write("kit/Chart.yaml", "name: kit\nversion: 0.1.0\ndependencies:\n  - {name: app, repository: file://../app}\n");
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\nexternal: [Service/db, Service/cache, Job/setup]\n");
        osk.write("app/templates/deployment.yaml", WAITING_DEPLOYMENT);
        assertThat(Osk.withStdin(osk.base(), "", "render", "app").code()).isZero();
        Osk.Result kit = Osk.withStdin(osk.base(), "", "render", "kit");
        assertThat(kit.code()).isEqualTo(1);
        assertThat(kit.err()).contains("waits for Service 'db', which is not in this set [dependencies]")
                .contains("waits for Job 'setup'").doesNotContain("osk: note");
    }

    @Test
    void aMalformedExternalEntryIsAnErrorAtItsLine(@TempDir Path tmp) {
        Osk osk = new Osk(tmp);
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\nexternal:\n  - Service/db\n  - mariadb\n");
        osk.write("app/templates/deployment.yaml", WAITING_DEPLOYMENT);
        String line = Osk.withStdin(osk.base(), "", "render", "app").onlyErrLine(1, "Exception");
        assertThat(line).isEqualTo("app/Chart.yaml:5:5: external entry 'mariadb' is not KIND/NAME"
                + " (Service/mariadb, Job/keystone-bootstrap, Pod/LABEL=VALUE,...)");
    }
}
