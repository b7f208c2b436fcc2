package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident osk as the launcher uses it: the real C client (cli/src/main/c/osk-client.c, built here with the
 * machine's C compiler) in processes of their own, talking to a {@link ResidentServer} over a Unix socket. Each
 * command must print, read and exit exactly as osk in a JVM of its own does.
 */
class ResidentServerTest {
    @TempDir
    static Path dir;
    private static Path client;
    private static Path socket;
    private static Thread server;

    @BeforeAll
    static void start() throws Exception {
        String cc = null;
        for (String c : new String[] {"/usr/bin/cc", "/usr/bin/gcc"}) {
            if (Files.isExecutable(Path.of(c))) {
                cc = c;
                break;
            }
        }
        assumeTrue(cc != null, "no C compiler: the launcher does without the resident osk too");
        client = dir.resolve("osk-client");
        Process p = new ProcessBuilder(cc, "-O2", "-Wall", "-Werror", "-o", client.toString(),
                GoldenCasesTest.REPO.resolve("cli/src/main/c/osk-client.c").toString()).redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
        socket = dir.resolve("s.sock");
        ResidentServer rs = new ResidentServer(socket, "stamp-1", 600);
        server = new Thread(() -> {
            try {
                rs.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        server.start();
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(10);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            client(dir, null, "another-build", "--version");
            server.join(10_000);
        }
    }

    record Run(int code, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private static Run client(Path cwd, byte[] stdin, String stamp, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(client.toString(), socket.toString(), stamp));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("SOURCE_DATE_EPOCH", "86400");
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    private static Run resident(Path cwd, String... args) throws Exception {
        return client(cwd, null, "stamp-1", args);
    }

    /** The same command in this JVM, as a JVM of its own would run it. */
    private static Run direct(Path cwd, byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Workspace.withEnv(Map.of("SOURCE_DATE_EPOCH", "86400"), () -> Main.run(cwd,
                new java.io.ByteArrayInputStream(stdin == null ? new byte[0] : stdin), new PrintWriter(out),
                new PrintWriter(err), args));
        return new Run(code, out.toString().getBytes(StandardCharsets.UTF_8), err.toString());
    }

    private static Path chart(Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("app/templates"));
        Files.writeString(tmp.resolve("app/Chart.yaml"), "name: app\nversion: 0.1.0\n");
        Files.writeString(tmp.resolve("app/values.yaml"), "name: web\nreplicas: 2\n");
        Files.writeString(tmp.resolve("app/templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{name}}\ndata:\n  replicas: \"{{replicas}}\"\n");
        return tmp;
    }

    @Test
    void aRenderPrintsWhatAJvmOfItsOwnPrints(@TempDir Path tmp) throws Exception {
        chart(tmp);
        Run r = resident(tmp, "render", "app", "--set", "name=api");
        Run d = direct(tmp, null, "render", "app", "--set", "name=api");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.text()).contains("  name: api\n").isEqualTo(d.text());
        assertThat(r.err()).isEqualTo(d.err());
    }

    @Test
    void relativePathsAreTheClientsAndErrorsGoToStderrWithTheirExitCode(@TempDir Path tmp) throws Exception {
        chart(tmp);
        Run r = resident(tmp, "render", "app", "-f", "missing.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("osk: -f missing.yaml: no such file\n").isEqualTo(direct(tmp, null, "render",
                "app", "-f", "missing.yaml").err());
        Run usage = resident(tmp, "render", "--no-such-flag");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).startsWith("osk: Unknown option: '--no-such-flag'");
    }

    @Test
    void standardInputIsTheClientsWhenTheCommandReadsIt(@TempDir Path tmp) throws Exception {
        chart(tmp);
        byte[] rendered = resident(tmp, "render", "app").out();
        Run v = client(tmp, rendered, "stamp-1", "validate", "-");
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.text()).isEqualTo("valid: 1 object: 0 errors, 0 warnings\n")
                .isEqualTo(direct(tmp, rendered, "validate", "-").text());
        Run values = client(tmp, "replicas: 5\n".getBytes(StandardCharsets.UTF_8), "stamp-1", "values", "app",
                "-f", "-");
        assertThat(values.text()).isEqualTo("name: web\nreplicas: 5\n");
    }

    @Test
    void theEnvironmentIsTheClients(@TempDir Path tmp) throws Exception {
        chart(tmp);
        // SOURCE_DATE_EPOCH (86400, set by the client's environment only) dates every entry of the archive
        Run pack = resident(tmp, "package", "app", "-d", "out");
        assertThat(pack.code()).as(pack.err()).isZero();
        byte[] resident = Files.readAllBytes(tmp.resolve("out/app-0.1.0.tgz"));
        Run again = direct(tmp, null, "package", "app", "-d", "direct");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(resident).isEqualTo(Files.readAllBytes(tmp.resolve("direct/app-0.1.0.tgz")));
        assertThat(pack.text()).isEqualTo(again.text().replace("direct/", "out/"));
    }

    @Test
    void findingsNameFilesRelativeToTheClientsWorkingDirectory(@TempDir Path tmp) throws Exception {
        // the files are read on all cores: the working directory must reach those threads too
        Files.createDirectories(tmp.resolve("set"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(tmp.resolve("set/cm-" + i + ".yaml"),
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_" + i + "\n");
        }
        Run r = resident(tmp, "validate", "set");
        Run d = direct(tmp, null, "validate", "set");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.text()).startsWith("set/cm-0.yaml:4:9: error: v1 ConfigMap Bad_0: /metadata/name:");
        assertThat(r.text()).isEqualTo(d.text());
        assertThat(r.err()).isEqualTo(d.err());
        Run json = resident(tmp, "validate", "-o", "json", "set");
        assertThat(json.text()).contains("\"file\":\"set/cm-3.yaml\"").isEqualTo(direct(tmp, null, "validate", "-o",
                "json", "set").text());
    }

    @Test
    void commandsRunAtTheSameTimeKeepTheirOwnStreams(@TempDir Path tmp) throws Exception {
        chart(tmp);
        List<Thread> threads = new ArrayList<>();
        List<String> outs = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 6; i++) {
            String name = "web-" + i;
            Thread t = new Thread(() -> {
                try {
                    outs.add(name + "=" + resident(tmp, "render", "app", "--set", "name=" + name).text());
                } catch (Exception e) {
                    outs.add(name + "=" + e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(outs).hasSize(6).allSatisfy(o -> {
            String name = o.substring(0, o.indexOf('='));
            assertThat(o.substring(o.indexOf('=') + 1)).contains("  name: " + name + "\n")
                    .doesNotContainPattern("name: web-(?!" + name.substring(4) + "\\n)");
        });
    }

    @Test
    void aClosedStdoutIsReportedAsTheJvmReportsIt(@TempDir Path tmp) throws Exception {
        chart(tmp);
        ProcessBuilder pb = new ProcessBuilder(client.toString(), socket.toString(), "stamp-1", "render", "app")
                .directory(tmp.toFile());
        Process p = pb.start();
        p.getInputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(err).isEqualTo("osk: cannot write to standard output: Broken pipe; the output is incomplete\n");
    }

    @Test
    void noServerOrAnotherBuildsServerLeavesTheCommandToTheLauncher(@TempDir Path tmp) throws Exception {
        Run none = new Run(0, new byte[0], "");
        Process p = new ProcessBuilder(client.toString(), tmp.resolve("none.sock").toString(), "stamp-1",
                "--version").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("no server").isEqualTo(254);
        assertThat(p.getInputStream().readAllBytes()).isEqualTo(none.out());
        Path other = tmp.resolve("other.sock");
        ResidentServer rs = new ResidentServer(other, "stamp-2", 600);
        Thread t = new Thread(() -> {
            try {
                rs.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        for (int i = 0; i < 200 && !Files.exists(other); i++) {
            Thread.sleep(10);
        }
        Process stale = new ProcessBuilder(client.toString(), other.toString(), "stamp-1", "--version").start();
        assertThat(stale.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stale.exitValue()).as("another build's server").isEqualTo(254);
        assertThat(stale.getInputStream().readAllBytes()).isEmpty();
        t.join(10_000);
        assertThat(t.isAlive()).as("the other build's server stops").isFalse();
        assertThat(other).doesNotExist();
    }
}
