package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.cli.Osk.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field a later Kubernetes version added, seen from the command line: a Job's podFailurePolicy came with 1.25
 * (JobPodFailurePolicy alpha), so rendering or validating for 1.22 or 1.24 fails, naming the version, and 1.25
 * renders. The finding is at the field's value, as every finding is.
 */
class KubeVersionFieldsCliTest {
    @TempDir
    Path dir;

    static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
            spec:
              backoffLimit: 2
              podFailurePolicy:
                rules:
                - action: FailJob
                  onExitCodes: {operator: In, values: [42]}
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: migrate
                    image: registry.example.com/migrate:1.0.0
            """;

    Result run(String... args) {
        return Osk.withStdin(dir, "", args);
    }

    void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void renderForAVersionBeforeTheFieldFailsNamingTheVersionThatAddedIt() throws IOException {
        write("app/Chart.yaml", "name: app\nversion: 0.1.0\n");
        write("app/templates/job.yaml", JOB);
        Result old = run("render", "app", "--kube-version", "1.22");
        assertThat(old.code()).as(old.toString()).isEqualTo(1);
        assertThat(old.out()).isEmpty();
        assertThat(old.err().lines().toList()).containsExactly(
                "app/templates/job.yaml:8: error: batch/v1 Job migrate: /spec/podFailurePolicy: field"
                        + " \"podFailurePolicy\" does not exist in Kubernetes 1.22 (added in 1.25) [schema]",
                "osk: invalid: 1 object: 1 error, 0 warnings; nothing written (--skip-validation to render anyway)");
        Result current = run("render", "app", "--kube-version", "1.25");
        assertThat(current.code()).as(current.toString()).isZero();
        assertThat(current.out()).contains("podFailurePolicy:");
    }

    @Test
    void validateGivesTheSameVerdictPerVersion() throws IOException {
        write("job.yaml", JOB);
        Result old = run("validate", "--kube-version", "1.24", "job.yaml");
        assertThat(old.code()).isEqualTo(1);
        assertThat(old.out().lines().toList()).containsExactly(
                "job.yaml:8:5: error: batch/v1 Job migrate: /spec/podFailurePolicy: field \"podFailurePolicy\" does"
                        + " not exist in Kubernetes 1.24 (added in 1.25) [schema]",
                "invalid: 1 object: 1 error, 0 warnings");
        Result current = run("validate", "--kube-version", "1.25", "job.yaml");
        assertThat(current.code()).as(current.toString()).isZero();
        assertThat(current.out()).isEqualTo("valid: 1 object: 0 errors, 0 warnings\n");
    }
}
