package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code osk apply}, with a stand-in kubectl that records what it was given. */
class ApplyCliTest {
    @TempDir
    Path dir;
    Path kubectl;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        kubectl = dir.resolve("kubectl");
        // records its arguments and its stdin, prints like kubectl, exits with $FAKE_EXIT (default 0)
        Files.writeString(kubectl, """
                #!/bin/sh
                echo "$*" >> "$(dirname "$0")/calls"
                if [ "$1" = apply ]; then
                  cat > "$(dirname "$0")/stdin"
                  echo "configmap/app created"
                  echo "a warning" >&2
                  exit 3
                fi
                echo "job.batch \\"migrate\\" deleted"
                """);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        write("app/values.yaml", "port: \"8080\"\n");
        write("app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n"
                + "  port: {{port}}\n");
        write("app/templates/job.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: migrate
                        image: busybox:1.36
                """);
    }

    void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(dir, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    List<String> calls() throws IOException {
        return Files.exists(dir.resolve("calls")) ? Files.readAllLines(dir.resolve("calls")) : List.of();
    }

    @Test
    void pipesTheValidatedRenderToKubectlAndReturnsItsExitCode() throws IOException {
        Result r = run("apply", "app", "-n", "prod", "--kubectl", kubectl.toString(), "--dry-run", "server",
                "--", "--prune", "-l", "app=x");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("configmap/app created\n");
        assertThat(r.err()).isEqualTo("a warning\n");
        assertThat(calls()).containsExactly("apply -f - --dry-run=server --prune -l app=x");
        String sent = Files.readString(dir.resolve("stdin"));
        Result rendered = run("render", "app", "-n", "prod");
        assertThat(sent).isEqualTo(rendered.out()).contains("namespace: prod", "kind: Job");
    }

    @Test
    void sendsNothingWhenValidationFails() throws IOException {
        Result r = run("apply", "app", "--kubectl", kubectl.toString(), "--set", "port=8080");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("/data/port: must be a string", "nothing sent to kubectl");
        assertThat(calls()).isEmpty();
    }

    @Test
    void recreateJobsDeletesTheRendersJobsFirst() throws IOException {
        Result r = run("apply", "app", "-n", "prod", "--recreate-jobs", "--kubectl", kubectl.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(calls()).containsExactly("delete job --ignore-not-found --wait=true --namespace=prod migrate",
                "apply -f -");
    }

    @Test
    void aMissingKubectlIsAUsageError() {
        Result r = run("apply", "app", "--kubectl", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("osk: cannot run '");
    }
}
