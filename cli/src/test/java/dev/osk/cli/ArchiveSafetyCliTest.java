package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Reading archives safely": an entry that would leave the chart folder, a link of any kind, a device, a
 * bomb, or a file that is no archive at all is refused with one line, exit 1, no YAML, and nothing left behind.
 */
class ArchiveSafetyCliTest {
    static final String CHART_YAML = "name: app\nversion: 0.1.0\n";
    static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws IOException {
        tmp = tmp.toRealPath();
    }

    /** Renders {@code archive} and checks the refusal is exactly {@code line}, prefixed by the archive's path. */
    void refused(Path archive, String line) {
        for (String command : List.of("render", "values", "graph")) {
            Osk.Result r = Osk.exec(command, archive.toString());
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).containsExactly(archive + ": " + line);
        }
    }

    Path archive(String name, RawTar tar) {
        return tar.writeTo(tmp.resolve(name));
    }

    @Test
    void aWellFormedHandMadeArchiveRenders() {
        Path ok = archive("ok.tgz", new RawTar().entry("app/", '5', "", 0, new byte[0]).file("app/Chart.yaml", CHART_YAML)
                .file("app/templates/cm.yaml", CM));
        Osk.Result r = Osk.exec("render", ok.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("---\n# Source: app/templates/cm.yaml\n" + CM);
    }

    @Test
    void anEntryWithDotDotIsRefused() {
        refused(archive("dots.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML)
                .file("app/templates/../../../../tmp/evil.yaml", CM)),
                "entry 'app/templates/../../../../tmp/evil.yaml' leaves the chart folder ('..')");
    }

    @Test
    void anAbsoluteEntryIsRefused() {
        refused(archive("abs.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML).file("/etc/cron.d/evil", "x")),
                "entry '/etc/cron.d/evil' is an absolute path, outside the chart folder");
    }

    @Test
    void aSymbolicLinkIsRefusedEvenOneThatStaysInside() {
        refused(archive("symlink.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML)
                .entry("app/templates/passwd.yaml", '2', "/etc/passwd", 0, new byte[0])),
                "entry 'app/templates/passwd.yaml' is a symbolic link (to '/etc/passwd'); chart archives hold only"
                        + " plain files and folders");
        refused(archive("inside.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML)
                .entry("app/values.yaml", '2', "Chart.yaml", 0, new byte[0])),
                "entry 'app/values.yaml' is a symbolic link (to 'Chart.yaml'); chart archives hold only plain files"
                        + " and folders");
    }

    @Test
    void aHardLinkIsRefused() {
        refused(archive("hardlink.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML)
                .entry("app/values.yaml", '1', "app/Chart.yaml", 0, new byte[0])),
                "entry 'app/values.yaml' is a hard link (to 'app/Chart.yaml'); chart archives hold only plain files"
                        + " and folders");
    }

    @Test
    void devicesAndPipesAreRefused() {
        refused(archive("dev.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML)
                .entry("app/tty", '3', "", 0, new byte[0])),
                "entry 'app/tty' is a character device; chart archives hold only plain files and folders");
        refused(archive("fifo.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML)
                .entry("app/pipe", '6', "", 0, new byte[0])),
                "entry 'app/pipe' is a FIFO; chart archives hold only plain files and folders");
    }

    @Test
    void aBombIsStoppedAtTheSizeLimit() {
        refused(RawTar.bomb(tmp.resolve("bomb.tgz"), 80L << 20), "unpacks to more than 64 MiB; refusing to read further");
    }

    @Test
    void tooManyEntriesAreRefused() {
        RawTar tar = new RawTar().file("app/Chart.yaml", CHART_YAML);
        for (int i = 0; i < 10_000; i++) {
            tar.file("app/templates/f" + i + ".yaml", "");
        }
        refused(archive("many.tgz", tar), "more than 10000 entries");
    }

    @Test
    void entriesOutsideTheOneChartFolderAreRefused() {
        refused(archive("two.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML).file("other/Chart.yaml", CHART_YAML)),
                "entries must all sit in one chart folder: 'other/Chart.yaml' is outside 'app/'");
        refused(archive("nochart.tgz", new RawTar().file("app/values.yaml", "a: 1\n")),
                "not a chart archive: no app/Chart.yaml");
        refused(archive("twice.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML).file("app/Chart.yaml", "x")),
                "entry 'app/Chart.yaml' appears twice");
        refused(archive("case.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML).file("app/chart.yaml", "x")),
                "entries 'app/Chart.yaml' and 'app/chart.yaml' differ only in case");
    }

    @Test
    void aFileThatIsNoArchiveOrIsDamagedIsRefused() throws IOException {
        Path text = tmp.resolve("notes.tgz");
        Files.writeString(text, "just text\n");
        refused(text, "not a chart archive (a gzip-compressed tar, .tgz)");
        Path good = archive("good.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML).file("app/templates/cm.yaml", CM));
        byte[] bytes = Files.readAllBytes(good);
        bytes[bytes.length - 6] ^= 0x55;
        Path damaged = tmp.resolve("damaged.tgz");
        Files.write(damaged, bytes);
        refused(damaged, "corrupt compressed data (bad CRC-32 in the gzip trailer)");
        Path truncated = tmp.resolve("truncated.tgz");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(good), 40));
        refused(truncated, "corrupt compressed data (truncated)");
    }

    @Test
    void aDependencyPathCannotReachOutsideTheArchive() throws IOException {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside.resolve("templates"));
        Files.writeString(outside.resolve("Chart.yaml"), "name: secret\nversion: 0.1.0\n");
        Files.writeString(outside.resolve("templates/cm.yaml"), CM);
        Path a = archive("reach.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML
                + "dependencies:\n  - {name: secret, path: ../../../../../../../../.." + outside + "}\n"));
        Osk.Result r = Osk.exec("render", a.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith(a + "/app/Chart.yaml:4:5: dependency 'secret'")
                .endsWith("is outside the archive; an archive must hold every chart it needs");
    }

    // ---- nothing left behind: osk in a JVM of its own, with a temporary folder the test can watch ----

    record Run(int code, String out, String err) {
    }

    /** Runs osk in a new JVM with {@code scratch} as java.io.tmpdir. */
    static Run forked(Path scratch, Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + scratch, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(cwd, "out", ".txt");
        Path err = Files.createTempFile(cwd, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static List<String> contents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void neitherAGoodNorABadArchiveLeavesTemporaryFilesBehind() throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path good = archive("good.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML).file("app/templates/cm.yaml", CM));
        Path bad = archive("bad.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML).file("app/templates/cm.yaml", CM)
                .entry("app/templates/link.yaml", '2', "cm.yaml", 0, new byte[0]));
        Path broken = archive("broken.tgz", new RawTar().file("app/Chart.yaml", CHART_YAML)
                .file("app/templates/cm.yaml", CM.replace("name: cm", "name: {{missing}}")));

        Run ok = forked(scratch, work, "render", good.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("name: cm");
        Run refused = forked(scratch, work, "render", bad.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).startsWith(bad + ": entry 'app/templates/link.yaml' is a symbolic link");
        Run failed = forked(scratch, work, "render", broken.toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).startsWith(broken + "/app/templates/cm.yaml:4:9: no value for 'missing'");
        Run bomb = forked(scratch, work, "render", RawTar.bomb(tmp.resolve("bomb.tgz"), 70L << 20).toString());
        assertThat(bomb.code()).isEqualTo(1);
        Run pack = forked(scratch, work, "package", tmp.resolve("nowhere").toString());
        assertThat(pack.code()).isEqualTo(2);

        assertThat(contents(scratch)).isEmpty();
        assertThat(contents(work)).isEmpty();
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).sorted())
                .containsExactly("bad.tgz", "bomb.tgz", "broken.tgz", "good.tgz", "scratch", "work");
    }
}
