package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * README "Chart format", symbolic links: a link in a chart folder that points outside it is an error naming the
 * link, for every command that reads charts; a link that stays inside reads as its target everywhere (render,
 * package, release, diff, graph, values). The links are made here, at run time: a secret file outside the chart
 * stands for /etc/passwd.
 */
class ChartLinksCliTest extends ChartsInTempDir {
    private static final String SECRET = "root:x:0:0:SECRET-LINE";

    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/values.yaml", "greeting: hello\n");
        osk.write("app/templates/cm.yaml", Osk.configMap("app", "greeting: {{greeting}}"));
        osk.write("outside/secret", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak\ndata:\n  line: \""
                + SECRET + "\"\n");
        osk.write("outside/templates/leak.yaml", "x: \"" + SECRET + "\"\n");
    }

    private Path link(String rel, String target) throws IOException {
        Path link = osk.base().resolve(rel);
        Files.createDirectories(link.getParent());
        return Files.createSymbolicLink(link, Path.of(target));
    }

    /** Exit 1, nothing on stdout, one line on stderr that names {@code named}, and the secret nowhere. */
    private static void refused(Osk.Result r, String named) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith(named + ": ").contains("leaves the chart folder")
                .doesNotContain(SECRET).doesNotContain("Exception");
    }

    private Osk.Result run(String command) {
        return switch (command) {
            case "render" -> Osk.exec("render", osk.path("app"));
            case "values" -> Osk.exec("values", osk.path("app"));
            case "graph" -> Osk.exec("graph", osk.path("app"));
            case "diff" -> Osk.exec("diff", osk.path("app"), osk.path("app"));
            case "package" -> Osk.exec("package", osk.path("app"), "-d", osk.path("dist"));
            case "release" -> Osk.exec("release", osk.path("app"), "--version", "1.0.0", "-d", osk.path("bundle"));
            default -> throw new IllegalArgumentException(command);
        };
    }

    private void nothingWritten() {
        assertThat(osk.base().resolve("dist")).doesNotExist();
        assertThat(osk.base().resolve("bundle")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"render", "values", "graph", "diff", "package", "release"})
    void aTemplateLinkedOutsideTheChartIsRefusedByEveryCommand(String command) throws IOException {
        link("app/templates/leak.yaml", osk.path("outside/secret"));
        refused(run(command), osk.path("app/templates/leak.yaml"));
        nothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"render", "package", "release"})
    void anyChartFileLinkedOutsideIsRefused(String command) throws IOException {
        link("app/README.md", osk.path("outside/secret"));
        if (command.equals("render")) {
            // render never reads README.md; packaging copies every file
            assertThat(run(command).code()).isZero();
            return;
        }
        refused(run(command), osk.path("app/README.md"));
        nothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "Chart.yaml", "templates/_partial.yaml"})
    void valuesChartYamlAndPartialsLinkedOutsideAreRefused(String file) throws IOException {
        Files.delete(osk.base().resolve("app/" + (file.startsWith("templates") ? "templates/cm.yaml" : file)));
        if (file.startsWith("templates")) {
            osk.write("app/templates/cm.yaml", Osk.configMap("app", "inc: x"));
        }
        link("app/" + file, osk.path("outside/secret"));
        refused(run("render"), osk.path("app/" + file));
    }

    @Test
    void aLinkedTemplatesFolderOrSubfolderOutsideIsRefused() throws IOException {
        link("app/templates/sub", osk.path("outside/templates"));
        refused(run("render"), osk.path("app/templates/sub"));
        Files.delete(osk.base().resolve("app/templates/sub"));
        Files.move(osk.base().resolve("app/templates"), osk.base().resolve("app/kept"));
        link("app/templates", osk.path("outside/templates"));
        refused(run("render"), osk.path("app/templates"));
    }

    @Test
    void aRelativeLinkThatClimbsOutIsRefusedToo() throws IOException {
        link("app/templates/leak.yaml", "../../outside/secret");
        refused(run("render"), osk.path("app/templates/leak.yaml"));
    }

    @Test
    void aDependencyFolderUnderChartsThatLinksOutIsRefused() throws IOException {
        osk.chart("app", "app", "dependencies:", "  - name: dep");
        osk.chart("elsewhere/dep", "dep");
        osk.write("elsewhere/dep/templates/cm.yaml", Osk.configMap("dep", "a: b"));
        link("app/charts/dep", osk.path("elsewhere/dep"));
        refused(run("render"), osk.path("app/charts/dep"));
        // the same chart named by its path (repository: file://...) is fine: that is how charts share charts
        osk.chart("app", "app", "dependencies:", "  - {name: dep, repository: file://../elsewhere/dep}");
        assertThat(run("render").code()).isZero();
    }

    @Test
    void aNestedChartsLinkMayNotLeaveItsOwnFolder() throws IOException {
        osk.chart("app", "app", "dependencies:", "  - name: sub");
        osk.chart("app/charts/sub", "sub");
        // inside the parent chart, but outside the chart that holds the link
        link("app/charts/sub/templates/up.yaml", osk.path("app/templates/cm.yaml"));
        refused(run("render"), osk.path("app/charts/sub/templates/up.yaml"));
    }

    @Test
    void aLinkThatMakesALoopIsRefused() throws IOException {
        link("app/templates/loop", ".");
        Osk.Result r = run("render");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith(osk.path("app/templates/loop") + ": ").contains("loop");
    }

    @Test
    void linksInsideTheChartReadAsTheirTargetsInRenderPackageAndArchive() throws IOException {
        osk.write("app/files/shared.yaml", Osk.configMap("shared", "from: files"));
        osk.write("app/files/more/other.yaml", Osk.configMap("other", "from: files/more"));
        link("app/templates/shared.yaml", "../files/shared.yaml");
        link("app/templates/more", "../files/more");
        Osk.Result folder = Osk.exec("render", osk.path("app"));
        assertThat(folder.code()).as(folder.toString()).isZero();
        assertThat(folder.out()).contains("# Source: app/templates/shared.yaml\n")
                .contains("# Source: app/templates/more/other.yaml\n").contains("from: files/more");
        Osk.Result pack = run("package");
        assertThat(pack.code()).as(pack.toString()).isZero();
        // an archive with a link in it is refused on reading, so rendering it shows the links went in as files
        Osk.Result archive = Osk.exec("render", osk.path("dist/app-0.1.0.tgz"));
        assertThat(archive.code()).as(archive.toString()).isZero();
        assertThat(archive.out()).isEqualTo(folder.out());
        Osk.Result diff = Osk.exec("diff", osk.path("app"), osk.path("dist/app-0.1.0.tgz"), "--exit-code");
        assertThat(diff.code()).as(diff.toString()).isZero();
    }

    @Test
    void aLinkedChartFolderAndLinkedValuesFilesNamedOnTheCommandLineAreFollowed() throws IOException {
        link("linked-app", osk.path("app"));
        osk.write("outside/overlay.yaml", "greeting: linked\n");
        link("overlay.yaml", osk.path("outside/overlay.yaml"));
        link("greeting.txt", osk.path("outside/overlay.yaml"));
        Osk.Result r = Osk.exec("render", osk.path("linked-app"), "-f", osk.path("overlay.yaml"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("greeting: linked");
        Osk.Result f = Osk.exec("render", osk.path("linked-app"), "--set-file", "greeting=" + osk.path("greeting.txt"));
        assertThat(f.code()).as(f.toString()).isZero();
        assertThat(f.out()).contains("greeting: |");
    }

    @Test
    void aFileNameWithAControlCharacterIsRefusedWithTheNameEscaped() throws IOException {
        osk.write("app/templates/evil\n---\nkind: Secret.yaml", Osk.configMap("evil", "a: b"));
        for (String command : List.of("render", "package")) {
            Osk.Result r = run(command);
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).as(r.toString()).containsExactly(osk.path("app/templates/evil\\n---\\nkind: "
                    + "Secret.yaml") + ": file name holds a control character ('evil\\n---\\nkind: Secret.yaml');"
                    + " chart file and folder names must be printable");
        }
        nothingWritten();
    }

    @Test
    void theArchiveHoldsNoLinkEntries() throws IOException {
        osk.write("app/files/shared.yaml", Osk.configMap("shared", "from: files"));
        link("app/templates/shared.yaml", "../files/shared.yaml");
        assertThat(run("package").code()).isZero();
        byte[] tar = new java.util.zip.GZIPInputStream(Files.newInputStream(osk.base().resolve("dist/app-0.1.0.tgz")))
                .readAllBytes();
        for (int at = 0; at + 512 <= tar.length && tar[at] != 0; ) {
            String name = new String(tar, at, 100, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(tar, at + 124, 11, java.nio.charset.StandardCharsets.US_ASCII)
                    .trim(), 8);
            assertThat((char) tar[at + 156]).as(name).isEqualTo('0');
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        try (Stream<Path> s = Files.list(osk.base().resolve("dist"))) {
            assertThat(s.count()).isEqualTo(2);
        }
    }
}
