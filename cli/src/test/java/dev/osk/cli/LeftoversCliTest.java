package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "Output" and "Reading archives safely": what an osk that was stopped leaves behind is cleaned up. A
 * SIGTERM removes the unpacked archive at once; what a SIGKILL left (an {@code --output-dir} folder's
 * {@code .DIR.new-PID} twin, an {@code osk-chart-PID-...} folder) is removed by the next run once its process is
 * gone, and never read as input.
 */
class LeftoversCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/templates/cm.yaml", Osk.object("v1", "ConfigMap", "app"));
    }

    /** The id of a process that has ended (so a leftover named after it belongs to no one). */
    static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor()).isZero();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return pid;
    }

    @Test
    void aKilledOutputDirRunLeavesNothingTheNextRunOrValidateReads() throws Exception {
        Osk.Result first = Osk.run("render", osk.path("app"), "--output-dir", osk.path("out/rendered"));
        assertThat(first.code()).as(first.toString()).isZero();
        // what `kill -9` during --output-dir leaves: the new folder, complete or not, beside the output
        long pid = deadPid();
        Path stale = osk.base().resolve("out/.rendered.new-" + pid);
        osk.write("out/.rendered.new-" + pid + "/app/templates/cm/configmap-app.yaml", Osk.object("v1", "ConfigMap", "app"));

        Osk.Result validate = Osk.exec("validate", osk.path("out"));
        assertThat(validate.code()).as(validate.toString()).isZero();
        assertThat(validate.out()).isEqualTo("valid: 1 object: 0 errors, 0 warnings\n");

        Osk.Result again = Osk.run("render", osk.path("app"), "--output-dir", osk.path("out/rendered"));
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(names(osk.base().resolve("out"))).containsExactly("rendered");
    }

    @Test
    void aRunKilledBetweenTheTwoMovesGetsItsOldFolderBack() throws Exception {
        long pid = deadPid();
        // killed after moving the old output aside and before moving the new one in
        osk.write("out/.rendered.old-" + pid + "/.osk-output", "written by osk render --output-dir\n");
        osk.write("out/.rendered.old-" + pid + "/app/templates/cm/configmap-old.yaml", Osk.object("v1", "ConfigMap", "old"));
        osk.write("out/.rendered.new-" + pid + "/app/templates/cm/configmap-half.yaml", "apiVersion: v1\nkind: Con");
        osk.write("app/templates/cm.yaml", "{{broken\n");
        Osk.Result failed = Osk.run("render", osk.path("app"), "--output-dir", osk.path("out/rendered"));
        assertThat(failed.code()).isEqualTo(1);
        // the render failed, so the output is what it was before the killed run: the old folder, back in place
        assertThat(names(osk.base().resolve("out"))).containsExactly("rendered");
        assertThat(osk.base().resolve("out/rendered/app/templates/cm/configmap-old.yaml")).exists();
    }

    @Test
    void leftoversOfLiveProcessesAreLeftAlone() throws Exception {
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        osk.write("out/.rendered.new-" + live + "/x.yaml", "a: 1\n");
        Osk.Result r = Osk.run("render", osk.path("app"), "--output-dir", osk.path("out/rendered"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(osk.base().resolve("out/.rendered.new-" + live + "/x.yaml")).exists();
    }

    @Test
    void unpackedArchivesOfDeadRunsAreSweptAndASigtermLeavesNone() throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        StringBuilder items = new StringBuilder("items: [");
        for (int i = 0; i < 100; i++) {
            items.append(i == 0 ? "" : ", ").append(i);
        }
        osk.write("slow/Chart.yaml", "name: slow\nversion: 0.1.0\n");
        osk.write("slow/values.yaml", items.append("]\n").toString());
        // renders for a while (to the output limit), so there is time to stop it
        osk.write("slow/templates/loops.yaml", Osk.configMap("l",
                "a: \"{{#items}}{{#items}}{{#items}}{{#items}}x{{/items}}{{/items}}{{/items}}{{/items}}\""));
        Osk.Result pack = Osk.run("package", osk.path("slow"), "-d", osk.path("dist"));
        assertThat(pack.code()).as(pack.toString()).isZero();
        String archive = osk.path("dist/slow-0.1.0.tgz");

        long dead = deadPid();
        Path stale = Files.createDirectories(scratch.resolve("osk-chart-" + dead + "-123/slow/templates"));
        Process p = new ProcessBuilder(OskProcess.command(scratch, "render", archive))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        // wait until it has unpacked the archive (the sweep of the stale folder comes first)
        Path unpacked = null;
        while (unpacked == null && p.isAlive()) {
            try (Stream<Path> s = Files.list(scratch)) {
                unpacked = s.filter(f -> f.getFileName().toString().startsWith("osk-chart-")
                        && !f.equals(stale.getParent().getParent())).findFirst().orElse(null);
            }
            Thread.sleep(2);
        }
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unpacked).as("the render unpacked the archive before it was stopped").isNotNull();
        assertThat(stale.getParent().getParent()).doesNotExist();
        assertThat(names(scratch)).isEmpty();
    }
}
