package dev.osk.render.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chart archives made by GNU tar, in each of the formats it writes, read as the chart they hold: long paths
 * (over 100 bytes, over 255) come as GNU long-name records or pax extended headers, and each is folded into its
 * entry; what the archive may not hold is still refused by name.
 */
class OtherToolsArchiveTest {
    @TempDir
    Path dir;

    static final String LONG = "templates/" + "d".repeat(140) + "/" + "e".repeat(130) + "/deployment.yaml";

    private Path chart() throws IOException {
        Path c = dir.resolve("src/app");
        Files.createDirectories(c.resolve(LONG).getParent());
        Files.writeString(c.resolve("Chart.yaml"), "name: app\nversion: 0.1.0\n");
        Files.writeString(c.resolve(LONG), "kind: Deployment\n");
        Files.writeString(c.resolve("values.yaml"), "ünïcode: ✓\n");
        return c;
    }

    private Path tar(String format, String... extra) throws Exception {
        chart();
        Path out = dir.resolve(format + ".tgz");
        List<String> cmd = new java.util.ArrayList<>(List.of("tar", "--format=" + format, "-czf", out.toString(),
                "-C", dir.resolve("src").toString()));
        cmd.addAll(List.of(extra));
        cmd.add("app");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException noTar) {
            assumeThat(noTar).as("GNU tar on PATH").isNull();
            throw noTar;
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        return out;
    }

    @Test
    void gnuLongNamesAreRead() throws Exception {
        ChartArchive a = ChartArchive.read(tar("gnu"), "gnu.tgz");
        assertThat(a.root()).isEqualTo("app");
        assertThat(a.files()).containsKeys("app/Chart.yaml", "app/values.yaml", "app/" + LONG);
        assertThat(new String(a.files().get("app/" + LONG), StandardCharsets.UTF_8)).isEqualTo("kind: Deployment\n");
        assertThat(new String(a.files().get("app/values.yaml"), StandardCharsets.UTF_8)).isEqualTo("ünïcode: ✓\n");
    }

    @Test
    void paxExtendedHeadersAreRead() throws Exception {
        ChartArchive a = ChartArchive.read(tar("pax"), "pax.tgz");
        assertThat(a.files()).containsKeys("app/Chart.yaml", "app/" + LONG);
        assertThat(new String(a.files().get("app/" + LONG), StandardCharsets.UTF_8)).isEqualTo("kind: Deployment\n");
    }

    @Test
    void aPaxPathLeavingTheChartIsRefusedByTheNameItGives() throws Exception {
        chart();
        Path c = dir.resolve("src/app");
        Files.writeString(c.resolve("templates/x.yaml"), "a: 1\n");
        // GNU tar writes the name as given; a pax header carries it when it is long
        String evil = "app/templates/" + "../".repeat(40) + "tmp/x.yaml";
        Path out = dir.resolve("evil.tgz");
        Process p = new ProcessBuilder("tar", "--format=pax", "-czf", out.toString(), "-C",
                dir.resolve("src").toString(), "--transform", "s,^app/templates/x.yaml$," + evil + ",",
                "app/Chart.yaml", "app/templates/x.yaml").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assumeThat(p.exitValue()).isZero();
        assertThatThrownBy(() -> ChartArchive.read(out, "evil.tgz"))
                .hasMessageStartingWith("evil.tgz: entry 'app/templates/../").hasMessageContaining("leaves the chart");
    }

    @Test
    void aSymbolicLinkIsStillRefusedWhateverTheFormat() throws Exception {
        chart();
        Files.createSymbolicLink(dir.resolve("src/app/link.yaml"), Path.of("/etc/passwd"));
        for (String format : List.of("gnu", "pax", "ustar")) {
            Path out = dir.resolve("link-" + format + ".tgz");
            Process p = new ProcessBuilder("tar", "--format=" + format, "-czf", out.toString(), "-C",
                    dir.resolve("src").toString(), "app/Chart.yaml", "app/link.yaml").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> ChartArchive.read(out, format + ".tgz")).as(format)
                    .hasMessage(format + ".tgz: entry 'app/link.yaml' is a symbolic link (to '/etc/passwd'); chart"
                            + " archives hold only plain files and folders");
        }
    }

    @Test
    void aSparseFileIsRefused() throws Exception {
        chart();
        Path sparse = dir.resolve("src/app/big.bin");
        try (var f = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(1L << 30);
            f.seek((1L << 30) - 1);
            f.write(1);
        }
        Path out = dir.resolve("sparse.tgz");
        Process p = new ProcessBuilder("tar", "--format=gnu", "--sparse", "-czf", out.toString(), "-C",
                dir.resolve("src").toString(), "app/Chart.yaml", "app/big.bin").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> ChartArchive.read(out, "sparse.tgz"))
                .hasMessage("sparse.tgz: entry 'app/big.bin' is a sparse file; chart archives hold only plain files"
                        + " and folders");
    }
}
