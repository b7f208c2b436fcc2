package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** osk show chart|values|readme|all: a chart's own files as written, from a folder or an archive. */
class ShowCliTest extends ChartsInTempDir {
    private static final Path HORIZON = GoldenCasesTest.REPO.resolve("charts/services/horizon");

    @Test
    void chartAndValuesOfACatalogueChartAreTheFilesAsWritten() throws Exception {
        Osk.Result chart = Osk.inRepo("show", "chart", "charts/services/horizon");
        assertThat(chart.code()).as(chart.toString()).isZero();
        assertThat(chart.err()).isEmpty();
        assertThat(chart.out()).isEqualTo(Files.readString(HORIZON.resolve("Chart.yaml")));
        Osk.Result values = Osk.inRepo("show", "values", "charts/services/horizon");
        assertThat(values.code()).as(values.toString()).isZero();
        assertThat(values.out().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(Files.readAllBytes(HORIZON.resolve("values.yaml")));
    }

    @Test
    void readmeAndAllOfAChartWithAReadme() {
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        osk.write("app/values.yaml", "# defaults\ngreeting: hello   # kept as written\n");
        osk.write("app/README.md", "# app\n\nRender it with `osk render app`.");
        Osk.Result readme = Osk.exec("show", "readme", osk.path("app"));
        assertThat(readme.code()).as(readme.toString()).isZero();
        assertThat(readme.out()).isEqualTo("# app\n\nRender it with `osk render app`.");
        Osk.Result all = Osk.exec("show", "all", osk.path("app"));
        assertThat(all.code()).as(all.toString()).isZero();
        assertThat(all.out()).isEqualTo("name: app\nversion: 0.1.0\n---\n# defaults\ngreeting: hello   # kept as"
                + " written\n---\n# app\n\nRender it with `osk render app`.\n");
    }

    @Test
    void aPackagedArchiveShowsWhatItHolds() throws Exception {
        Path dist = tmp.resolve("dist");
        Osk.Result pack = Osk.inRepo("package", "charts/services/horizon", "-d", dist.toString());
        assertThat(pack.code()).as(pack.toString()).isZero();
        String archive = dist.resolve("horizon-0.1.0.tgz").toString();
        Osk.Result values = Osk.exec("show", "values", archive);
        assertThat(values.code()).as(values.toString()).isZero();
        assertThat(values.out()).isEqualTo(Files.readString(HORIZON.resolve("values.yaml")));
        // the archive's Chart.yaml is the packaged one: its dependencies point at the vendored copies
        Osk.Result chart = Osk.exec("show", "chart", archive);
        assertThat(chart.code()).as(chart.toString()).isZero();
        assertThat(chart.out()).startsWith("name: horizon\n").contains("repository: file://charts/deployment");
        // horizon has no README: show all is the chart and the values
        Osk.Result all = Osk.exec("show", "all", archive);
        assertThat(all.out()).isEqualTo(chart.out() + "---\n" + values.out());
        String line = Osk.exec("show", "readme", archive).onlyErrLine(1);
        assertThat(line).isEqualTo(archive + "/horizon/README.md: no such file; the chart has no README");
    }

    @Test
    void aMissingChartIsAUsageErrorAndAMissingReadmeAnError() {
        assertThat(Osk.exec("show", "chart", osk.path("nowhere")).onlyErrLine(2))
                .isEqualTo("osk: '" + osk.path("nowhere") + "' is not a chart (no Chart.yaml)");
        assertThat(Osk.inRepo("show", "readme", "charts/services/horizon").onlyErrLine(1))
                .isEqualTo("charts/services/horizon/README.md: no such file; the chart has no README");
        assertThat(Osk.exec("show", "everything", osk.path("nowhere")).onlyErrLine(2)).contains("everything");
    }

    @Test
    void aFileThatIsNotAnArchiveIsRefused() {
        osk.write("notes.txt", "just text\n");
        assertThat(Osk.exec("show", "chart", osk.path("notes.txt")).onlyErrLine(1))
                .isEqualTo(osk.path("notes.txt") + ": not a chart archive (a gzip-compressed tar, .tgz)");
    }

    @Test
    void controlCharactersAreShownEscapedAndCrlfLinesKept() {
        osk.write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        osk.write("app/README.md", "title\r\n\u001b[2Jcleared\tok\n");
        Osk.Result r = Osk.exec("show", "readme", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("title\r\n\\u001b[2Jcleared\tok\n");
    }
}
