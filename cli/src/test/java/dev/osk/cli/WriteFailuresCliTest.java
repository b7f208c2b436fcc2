package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * README "Errors and exit codes": output that cannot be written (a full disk, a closed pipe or descriptor, a
 * kubectl that stops reading) is an error, exit 1 with one line on stderr, for every command; never exit 0 with
 * half the output.
 */
class WriteFailuresCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/values.yaml", "replicas: 3\nimage: nginx\n");
        osk.write("app/templates/cm.yaml", Osk.object("v1", "ConfigMap", "app"));
        osk.write("m.yaml", Osk.object("v1", "ConfigMap", "app"));
        osk.write("n.yaml", Osk.object("v1", "ConfigMap", "other"));
    }

    /** An output stream that fails the way a full disk does, after {@code accept} bytes. */
    static final class FailingStream extends OutputStream {
        private int accept;

        FailingStream(int accept) {
            this.accept = accept;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > accept) {
                throw new IOException("No space left on device");
            }
            accept -= len;
        }
    }

    private List<String> args(String command) {
        return switch (command) {
            case "render" -> List.of("render", osk.path("app"));
            case "values" -> List.of("values", osk.path("app"));
            case "validate" -> List.of("validate", osk.path("m.yaml"));
            case "graph" -> List.of("graph", osk.path("app"));
            case "diff" -> List.of("diff", osk.path("m.yaml"), osk.path("n.yaml"));
            case "package" -> List.of("package", osk.path("app"), "-d", osk.path("dist"));
            default -> throw new IllegalArgumentException(command);
        };
    }

    private static Osk.Result runWith(PrintWriter out, List<String> args) {
        StringWriter err = new StringWriter();
        int code = Main.run(out, new PrintWriter(err), args.toArray(String[]::new));
        return new Osk.Result(code, "", err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"render", "values", "validate", "graph", "diff", "package"})
    void aStdoutThatFailsIsAnErrorForEveryCommand(String command) {
        for (int accept : new int[] {0, 10}) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(new FailingStream(accept), StandardCharsets.UTF_8));
            Osk.Result r = runWith(out, args(command));
            assertThat(r.code()).as(command + " " + r).isEqualTo(1);
            assertThat(r.errLines()).as(r.toString()).containsExactly(
                    "osk: cannot write to standard output; the output is incomplete");
        }
    }

    @Test
    @EnabledIf("devFullExists")
    void devFullIsAnErrorThatSaysWhyForEveryCommand() throws Exception {
        StringBuilder script = new StringBuilder();
        for (String command : List.of("render", "values", "validate", "graph", "diff", "package")) {
            List<String> args = args(command).stream().map(a -> a.replace(osk.base() + "/", "")).toList();
            script.append("$OSK ").append(String.join(" ", args)).append(" > /dev/full; echo \"").append(command)
                    .append(" exit $?\" >&2\n");
        }
        OskProcess.Result r = OskProcess.shell(osk.base(), script.toString());
        String full = "osk: cannot write to standard output: No space left on device; the output is incomplete";
        assertThat(r.err().lines()).as(r.toString()).containsExactly(full, "render exit 1", full, "values exit 1",
                full, "validate exit 1", full, "graph exit 1", full, "diff exit 1", full, "package exit 1");
    }

    static boolean devFullExists() {
        return Files.exists(Path.of("/dev/full"));
    }

    @Test
    @EnabledIf("devFullExists")
    void renderToAFullDiskOrAClosedStdoutFromTheShell() throws Exception {
        OskProcess.Result full = OskProcess.shell(tmp, "$OSK render app --skip-validation > /dev/full");
        assertThat(full.code()).as(full.toString()).isEqualTo(1);
        assertThat(full.err().lines()).as(full.toString()).containsExactly(
                "osk: cannot write to standard output: No space left on device; the output is incomplete");
        OskProcess.Result closed = OskProcess.shell(tmp, "$OSK render app --skip-validation >&-");
        assertThat(closed.code()).as(closed.toString()).isEqualTo(1);
        assertThat(closed.err().lines()).as(closed.toString()).singleElement().asString()
                .startsWith("osk: cannot write to standard output").endsWith("; the output is incomplete");
    }

    @Test
    void aKubectlThatStopsReadingAndExitsZeroIsAnError() throws IOException {
        Path kubectl = tmp.resolve("kubectl");
        Files.writeString(kubectl, "#!/bin/sh\nhead -c 100 > /dev/null\necho applied\nexit 0\n");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        // far more than a pipe buffers, so kubectl's exit cuts the write short
        osk.write("app/values.yaml", "big: " + "x".repeat(600_000) + "\n");
        osk.write("app/templates/cm.yaml", Osk.configMap("app", "big: {{big}}"));
        Osk.Result r = Osk.exec("apply", osk.path("app"), "--kubectl", kubectl.toString(), "--skip-validation");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("applied\n");
        assertThat(r.errLines()).as(r.toString()).singleElement().asString()
                .startsWith("osk: " + kubectl + " stopped reading the manifests before their end")
                .endsWith("and exited 0: not every object was applied");
    }
}
