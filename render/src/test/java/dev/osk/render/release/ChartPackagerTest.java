package dev.osk.render.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.MultipleProblemsException;
import dev.osk.render.OskException;
import dev.osk.render.chart.ChartArchive;
import dev.osk.render.manifest.ManifestWriter;
import dev.osk.render.testing.TestCharts;
import dev.osk.render.values.ValueSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Packing a chart tree: every dependency vendored once below the top chart, Chart.yaml files pointing at the
 * vendored copies, only the chart's own files, version overrides; the archive renders as the folder does.
 */
class ChartPackagerTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    /**
     * kit -> svc-a, svc-b (both at ../services/...), each -> micro (under two aliases in svc-a) and lib;
     * micro -> lib. So micro and lib are used by several charts and must be stored once.
     */
    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
        fx.chart("kits/kit", "kit", "appVersion: \"1.0\"  # comments are dropped when Chart.yaml is rewritten",
                "dependencies:",
                "  - {name: svc-a, repository: \"file://../../services/svc-a\"}",
                "  - name: svc-b",
                "    path: ../../services/svc-b",
                "    condition: svc-b.enabled");
        fx.write("kits/kit/values.yaml", "svc-b: {enabled: true}\n");
        fx.write("kits/kit/README.md", "# kit\n");
        fx.write("kits/kit/.hidden", "editor state\n");
        fx.write("kits/kit/charts/stale/Chart.yaml", "name: stale\nversion: 0.0.1\n");
        fx.write("kits/kit/rendered/.osk-output", "written by osk render --output-dir; safe to replace\n");
        fx.write("kits/kit/rendered/kit/templates/cm/configmap-x.yaml", "kind: ConfigMap\n");
        fx.chart("services/svc-a", "svc-a", "dependencies:",
                "  - {name: lib, repository: file://../../lib}",
                "  - {name: micro, repository: file://../../micro, alias: one}",
                "  - {name: micro, repository: file://../../micro, alias: two}");
        fx.write("services/svc-a/values.yaml", "one: {text: first}\ntwo: {text: second}\n");
        fx.chart("services/svc-b", "svc-b", "dependencies:",
                "  - {name: lib, repository: file://../../lib}",
                "  - {name: micro, repository: file://../../micro}");
        fx.write("services/svc-b/values.yaml", "micro: {text: third}\n");
        fx.write("services/svc-b/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b-{{osk.chart.version}}\n"
                + "  annotations: {sum: \"{{osk.checksum.charts/micro/templates/cm.yaml}}\"}\n");
        fx.chart("micro", "micro", "dependencies:", "  - {name: lib, repository: file://../lib}");
        fx.write("micro/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{osk.scope.key}}-{{osk.scope.parent}}\n"
                + "  labels:\n    {{> labels}}\ndata:\n  text: {{text}}\n");
        fx.chart("lib", "lib", "type: library");
        fx.write("lib/templates/_labels.yaml", "app: {{global.app}}\n");
        fx.write("lib/values.yaml", "global: {app: demo}\n");
    }

    PackagedChart pack(String version, String appVersion) {
        return new ChartPackager(fx::display).pack(fx.path("kits/kit"), version, appVersion, 0);
    }

    static Map<String, byte[]> files(PackagedChart p) {
        return ChartArchive.read(p.bytes(), p.fileName()).files();
    }

    static String text(Map<String, byte[]> files, String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> deps(Map<String, byte[]> files, String chartYaml) {
        Map<String, Object> m = new Yaml().load(text(files, chartYaml));
        return (List<Map<String, Object>>) m.get("dependencies");
    }

    @Test
    void everyChartIsStoredOnceBelowTheTopChart() {
        assertThat(files(pack(null, null))).containsOnlyKeys(
                "kit/Chart.yaml", "kit/values.yaml", "kit/README.md",
                "kit/charts/svc-a/Chart.yaml", "kit/charts/svc-a/values.yaml",
                "kit/charts/lib/Chart.yaml", "kit/charts/lib/templates/_labels.yaml", "kit/charts/lib/values.yaml",
                "kit/charts/micro/Chart.yaml", "kit/charts/micro/templates/cm.yaml",
                "kit/charts/svc-b/Chart.yaml", "kit/charts/svc-b/values.yaml", "kit/charts/svc-b/templates/cm.yaml");
    }

    @Test
    void archivedChartYamlFilesPointAtTheVendoredCopiesAndKeepEveryOtherField() {
        Map<String, byte[]> files = files(pack(null, null));
        assertThat(deps(files, "kit/Chart.yaml")).containsExactly(
                Map.of("name", "svc-a", "repository", "file://charts/svc-a"),
                Map.of("name", "svc-b", "repository", "file://charts/svc-b", "condition", "svc-b.enabled"));
        assertThat(deps(files, "kit/charts/svc-a/Chart.yaml")).containsExactly(
                Map.of("name", "lib", "repository", "file://../lib"),
                Map.of("name", "micro", "repository", "file://../micro", "alias", "one"),
                Map.of("name", "micro", "repository", "file://../micro", "alias", "two"));
        assertThat(deps(files, "kit/charts/micro/Chart.yaml")).containsExactly(
                Map.of("name", "lib", "repository", "file://../lib"));
        Map<String, Object> kit = new Yaml().load(text(files, "kit/Chart.yaml"));
        assertThat(kit).containsEntry("appVersion", "1.0").containsEntry("version", "0.1.0");
        // files that need no change are stored byte for byte
        assertThat(text(files, "kit/charts/lib/Chart.yaml")).isEqualTo("name: lib\nversion: 0.1.0\ntype: library\n");
        assertThat(text(files, "kit/charts/micro/templates/cm.yaml")).isEqualTo(read("micro/templates/cm.yaml"));
    }

    String read(String rel) {
        try {
            return Files.readString(fx.path(rel));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void versionAndAppVersionSetTheArchivedChartAndTheFileName() {
        PackagedChart p = pack("2.3.4-rc.1", "2025.1");
        assertThat(p.fileName()).isEqualTo("kit-2.3.4-rc.1.tgz");
        assertThat(p.name()).isEqualTo("kit");
        assertThat(p.version()).isEqualTo("2.3.4-rc.1");
        Map<String, Object> kit = new Yaml().load(text(files(p), "kit/Chart.yaml"));
        assertThat(kit).containsEntry("version", "2.3.4-rc.1").containsEntry("appVersion", "2025.1");
        assertThat(pack(null, null).fileName()).isEqualTo("kit-0.1.0.tgz");
    }

    @Test
    void anAppVersionIsAddedAfterTheVersionWhenTheChartHadNone() {
        PackagedChart p = new ChartPackager(fx::display).pack(fx.path("micro"), null, "9.9", 0);
        assertThat(text(files(p), "micro/Chart.yaml")).startsWith("name: micro\nversion: 0.1.0\nappVersion: \"9.9\"\n");
    }

    @Test
    void aVersionThatIsNotSemanticIsAUsageError() {
        assertThatThrownBy(() -> pack("1.2", null)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("--version '1.2' is not a semantic version (such as 1.2.0)");
    }

    @Test
    void twoDifferentChartsOfTheSameNameAreToldApartByVersion() {
        fx.chart("other/micro", "micro").write("other/micro/templates/x.yaml", "");
        fx.write("other/micro/Chart.yaml", "name: micro\nversion: 2.0.0\n");
        fx.chart("mix", "mix", "dependencies:", "  - {name: micro, repository: file://../micro, alias: a}",
                "  - {name: micro, repository: file://../other/micro, alias: b}");
        Map<String, byte[]> files = files(new ChartPackager(fx::display).pack(fx.path("mix"), null, null, 0));
        assertThat(files).containsKeys("mix/charts/micro/templates/cm.yaml", "mix/charts/micro-2.0.0/templates/x.yaml");
        assertThat(deps(files, "mix/Chart.yaml")).extracting(d -> d.get("repository"))
                .containsExactly("file://charts/micro", "file://charts/micro-2.0.0");
    }

    @Test
    void theArchiveRendersAsTheFolderDoes() throws IOException {
        PackagedChart p = pack(null, null);
        Files.write(tmp.resolve(p.fileName()), p.bytes());
        ManifestWriter w = new ManifestWriter();
        ValueSource set = new ValueSource(ValueSource.Kind.SET, "svc-a.one.text=changed");
        String folder = w.stream(fx.render("kits/kit", set));
        String archive = w.stream(fx.render(p.fileName(), set));
        assertThat(archive).isEqualTo(folder).contains("name: one-svc-a", "text: changed", "name: b-0.1.0",
                "app: demo");
    }

    @Test
    void theArchivedVersionIsWhatTemplatesSee() throws IOException {
        PackagedChart p = new ChartPackager(fx::display).pack(fx.path("services/svc-b"), "3.0.0", null, 0);
        Files.write(tmp.resolve(p.fileName()), p.bytes());
        assertThat(new ManifestWriter().stream(fx.render(p.fileName()))).contains("name: b-3.0.0");
    }

    @Test
    void problemsInsideAnArchiveNameTheArchiveAndTheEntry() throws IOException {
        fx.write("micro/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{nope}}\n");
        PackagedChart p = pack(null, null);
        Files.write(tmp.resolve(p.fileName()), p.bytes());
        assertThatThrownBy(() -> fx.render(p.fileName())).isInstanceOf(MultipleProblemsException.class)
                .hasMessageStartingWith("kit-0.1.0.tgz/kit/charts/micro/templates/cm.yaml:4:9: no value for 'nope'");
    }

    @Test
    void anArchivedChartMayNotReachOutsideTheArchive() throws IOException {
        byte[] tar = new TarWriter(0).add("evil/Chart.yaml", ("name: evil\nversion: 0.1.0\ndependencies:\n"
                + "  - {name: lib, repository: \"file://../../../../../../../../" + fx.path("lib") + "\"}\n")
                .getBytes(StandardCharsets.UTF_8)).toByteArray();
        Files.write(tmp.resolve("evil.tgz"), GzipEncoder.gzip(tar));
        assertThatThrownBy(() -> fx.render("evil.tgz")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("evil.tgz/evil/Chart.yaml:4:5: dependency 'lib' at '")
                .hasMessageEndingWith("' is outside the archive; an archive must hold every chart it needs");
    }

    @Test
    void theSameFilesGiveTheSameBytesAndTheTimeIsTheGivenEpoch() throws IOException {
        PackagedChart a = new ChartPackager(fx::display).pack(fx.path("kits/kit"), null, null, 1_234_567_890L);
        Files.setLastModifiedTime(fx.path("micro/templates/cm.yaml"),
                java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
        PackagedChart b = new ChartPackager(fx::display).pack(fx.path("kits/kit"), null, null, 1_234_567_890L);
        assertThat(b.bytes()).isEqualTo(a.bytes());
        assertThat(b.sha256()).isEqualTo(a.sha256()).matches("[0-9a-f]{64}");
        byte[] tar = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(a.bytes())).readAllBytes();
        assertThat(TarFormatTest.field(tar, 0, 136, 12)).isEqualTo(String.format("%011o", 1_234_567_890L));
        PackagedChart c = new ChartPackager(fx::display).pack(fx.path("kits/kit"), null, null, 1_234_567_891L);
        assertThat(c.bytes()).isNotEqualTo(a.bytes());
    }

    @Test
    void anArchiveCanBePackedAgainUnderAnotherVersion() throws IOException {
        PackagedChart first = pack(null, null);
        Files.write(tmp.resolve(first.fileName()), first.bytes());
        PackagedChart again = new ChartPackager(fx::display).pack(tmp.resolve(first.fileName()), "1.0.0", null, 0);
        assertThat(again.fileName()).isEqualTo("kit-1.0.0.tgz");
        Map<String, byte[]> files = files(again);
        assertThat(files.keySet()).isEqualTo(files(first).keySet());
        assertThat(deps(files, "kit/charts/svc-a/Chart.yaml")).extracting(d -> d.get("repository"))
                .containsExactly("file://../lib", "file://../micro", "file://../micro");
    }

    @Test
    void aFolderWithoutChartYamlIsNotAChart() {
        assertThatThrownBy(() -> new ChartPackager(fx::display).pack(fx.path("nowhere"), null, null, 0))
                .isInstanceOf(InvalidRequestException.class).hasMessage("'nowhere' is not a chart (no Chart.yaml)");
    }
}
