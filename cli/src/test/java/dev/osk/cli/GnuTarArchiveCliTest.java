package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * README "Releases": a chart archive made by GNU tar, in each format it writes, is a chart like any other: osk
 * renders it and packages it again, template paths over 100 bytes included (a GNU long-name record, a pax
 * extended header, or the ustar prefix field, whichever the format uses).
 */
class GnuTarArchiveCliTest extends ChartsInTempDir {
    /** 137 bytes below the chart folder: too long for a tar header's name field alone. */
    static final String LONG = "templates/" + "a".repeat(60) + "/" + "b".repeat(50) + "/long-config.yaml";

    private Path tar(String format) throws Exception {
        osk.chart("src/app", "app");
        osk.write("src/app/values.yaml", "greeting: grüß dich\n");
        osk.write("src/app/" + LONG, Osk.configMap("long", "greeting: {{greeting}}"));
        Path out = tmp.resolve(format + ".tgz");
        List<String> cmd = List.of("tar", "--format=" + format, "-czf", out.toString(), "-C",
                tmp.resolve("src").toString(), "app");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException noTar) {
            assumeThat(noTar).as("tar on PATH").isNull();
            throw noTar;
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assumeThat(said).as("GNU tar (it knows --format=" + format + ")").doesNotContain("unrecognized", "invalid");
        assertThat(p.exitValue()).as(said).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "pax", "ustar"})
    void anArchiveMadeByGnuTarIsRenderedWithItsLongPaths(String format) throws Exception {
        Path archive = tar(format);
        Osk.Result r = Osk.run("render", archive.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("---\n# Source: app/" + LONG + "\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: long\ndata:\n  greeting: grüß dich\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "pax", "ustar"})
    void anArchiveMadeByGnuTarIsPackagedAgainAsTheFolderWouldBe(String format) throws Exception {
        Path archive = tar(format);
        Osk.Result fromArchive = Osk.exec("package", archive.toString(), "-d", osk.path("again"));
        assertThat(fromArchive.code()).as(fromArchive.toString()).isZero();
        Osk.Result fromFolder = Osk.exec("package", osk.path("src/app"), "-d", osk.path("folder"));
        assertThat(fromFolder.code()).as(fromFolder.toString()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("again/app-0.1.0.tgz")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("folder/app-0.1.0.tgz")));
        Osk.Result render = Osk.run("render", osk.path("again/app-0.1.0.tgz"));
        assertThat(render.out()).startsWith("---\n# Source: app/" + LONG + "\n");
    }
}
