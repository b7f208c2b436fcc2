package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** README "Release": osk package writes NAME-VERSION.tgz and its digest, the same bytes for the same files. */
class PackageCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("src/app", "app", "appVersion: \"1.0\"", "dependencies:",
                "  - {name: cfg, repository: file://../shared/cfg, alias: settings}");
        osk.write("src/app/values.yaml", "greeting: hello\n");
        osk.write("src/app/templates/cm.yaml", Osk.configMap("app",
                "greeting: {{greeting}}\nversion: \"{{osk.chart.version}}\"\napp: \"{{osk.chart.appVersion}}\""));
        osk.chart("src/shared/cfg", "cfg");
        osk.write("src/shared/cfg/values.yaml", "text: default\n");
        osk.write("src/shared/cfg/templates/cm.yaml", Osk.configMap("{{osk.scope.key}}", "text: {{text}}"));
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The modification time (seconds) in the first tar header of a .tgz. */
    static long firstMtime(Path tgz) throws IOException {
        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(tgz))).readAllBytes();
        return Long.parseLong(new String(tar, 136, 11, StandardCharsets.US_ASCII), 8);
    }

    @Test
    void printsTheDigestAndWritesItBesideTheArchive() throws Exception {
        Osk.Result r = Osk.exec("package", osk.path("src/app"), "-d", osk.path("dist"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        Path archive = tmp.resolve("dist/app-0.1.0.tgz");
        String digest = sha256(Files.readAllBytes(archive));
        assertThat(r.out()).isEqualTo(digest + "  " + archive.toRealPath() + "\n");
        assertThat(Files.readString(tmp.resolve("dist/app-0.1.0.tgz.sha256"))).isEqualTo(digest + "  app-0.1.0.tgz\n");
        assertThat(names(tmp.resolve("dist"))).containsExactly("app-0.1.0.tgz", "app-0.1.0.tgz.sha256");
    }

    @Test
    void packagingTwiceWithTouchedFilesGivesIdenticalBytes() throws Exception {
        assertThat(Osk.exec("package", osk.path("src/app"), "-d", osk.path("one")).code()).isZero();
        try (Stream<Path> s = Files.walk(tmp.resolve("src"))) {
            long t = 1_000_000_000_000L;
            for (Path p : s.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(t += 3_600_000L));
            }
        }
        Files.setPosixFilePermissions(tmp.resolve("src/app/templates/cm.yaml"), PosixFilePermissions.fromString("rwxr-x---"));
        // and from another working directory, with relative paths
        StringWriter out = new StringWriter();
        int code = Main.run(tmp.resolve("src"), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "package", "app", "-d", "../two");
        assertThat(code).isZero();
        // paths outside the working directory are shown whole
        assertThat(out.toString()).endsWith("  " + tmp.resolve("two/app-0.1.0.tgz").toRealPath() + "\n");
        assertThat(Files.readAllBytes(tmp.resolve("two/app-0.1.0.tgz")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("one/app-0.1.0.tgz")));
    }

    @Test
    void entryTimesComeFromSourceDateEpochElseFromNineteenEighty() throws Exception {
        assertThat(Osk.exec("package", osk.path("src/app"), "-d", osk.path("fixed")).code()).isZero();
        // 1980-01-01T00:00:00Z
        assertThat(firstMtime(tmp.resolve("fixed/app-0.1.0.tgz"))).isEqualTo(315_532_800L);
        Osk.Result r = Osk.exec(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "package", osk.path("src/app"), "-d",
                osk.path("epoch"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(firstMtime(tmp.resolve("epoch/app-0.1.0.tgz"))).isEqualTo(1_700_000_000L);
        assertThat(Files.readAllBytes(tmp.resolve("epoch/app-0.1.0.tgz")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("fixed/app-0.1.0.tgz")));
    }

    @Test
    void aMalformedSourceDateEpochIsAUsageError() {
        Osk.Result r = Osk.exec(Map.of("SOURCE_DATE_EPOCH", "yesterday"), "package", osk.path("src/app"), "-d",
                osk.path("dist"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "osk: SOURCE_DATE_EPOCH 'yesterday' is not a whole number of seconds since 1970-01-01");
        assertThat(Files.exists(tmp.resolve("dist"))).isFalse();
    }

    @Test
    void versionAndAppVersionNameTheArchiveAndReachTheTemplates() {
        Osk.Result r = Osk.exec("package", osk.path("src/app"), "-d", osk.path("dist"), "--version", "1.2.3",
                "--app-version", "2025.1");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("/dist/app-1.2.3.tgz\n");
        Osk.Result render = Osk.exec("render", osk.path("dist/app-1.2.3.tgz"));
        assertThat(render.code()).as(render.toString()).isZero();
        assertThat(render.out()).contains("  version: 1.2.3\n", "  app: \"2025.1\"\n", "  text: default\n",
                "# Source: app/charts/settings/templates/cm.yaml\n");
    }

    @Test
    void theArchiveRendersWhereverItIsEvenWithTheSourcesGone() throws IOException {
        Osk.Result before = Osk.exec("render", osk.path("src/app"), "--set", "settings.text=x");
        assertThat(Osk.exec("package", osk.path("src/app"), "-d", osk.path("dist")).code()).isZero();
        Files.move(tmp.resolve("src"), tmp.resolve("gone"));
        Osk.Result after = Osk.exec("render", osk.path("dist/app-0.1.0.tgz"), "--set", "settings.text=x");
        assertThat(after.code()).as(after.toString()).isZero();
        assertThat(after.out()).isEqualTo(before.out()).contains("text: x");
    }

    @Test
    void aMissingChartOrABadVersionIsAUsageError() {
        Osk.Result missing = Osk.exec("package", osk.path("nowhere"), "-d", osk.path("dist"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("osk: '" + osk.path("nowhere") + "' is not a chart (no Chart.yaml)");
        Osk.Result version = Osk.exec("package", osk.path("src/app"), "--version", "one");
        assertThat(version.code()).isEqualTo(2);
        assertThat(version.errLines()).containsExactly("osk: --version 'one' is not a semantic version (such as 1.2.0)");
        assertThat(Osk.exec("package").errLines()).hasSize(1).allMatch(l -> l.contains("CHART"));
    }

    @Test
    void aChartProblemIsReportedAtItsFileAndNothingIsWritten() {
        osk.write("src/shared/cfg/Chart.yaml", "name: cfg\nversion: 0.1.0\nmaintainer: me\n");
        Osk.Result r = Osk.exec("package", osk.path("src/app"), "-d", osk.path("dist"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(osk.path("src/shared/cfg/Chart.yaml") + ":3:13: unknown Chart.yaml field 'maintainer'");
        assertThat(Files.exists(tmp.resolve("dist"))).isFalse();
    }
}
