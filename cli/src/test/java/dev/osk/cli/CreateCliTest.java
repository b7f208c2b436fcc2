package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** osk create NAME: a starter service chart that renders and validates clean on its own, wherever it is. */
class CreateCliTest extends ChartsInTempDir {
    private String oldHome;

    @BeforeEach
    void shippedCatalogue() {
        oldHome = System.getProperty("osk.home");
        System.setProperty("osk.home", GoldenCasesTest.REPO.toString());
    }

    @AfterEach
    void restoreHome() {
        if (oldHome == null) {
            System.clearProperty("osk.home");
        } else {
            System.setProperty("osk.home", oldHome);
        }
    }

    @Test
    void theCreatedChartRendersAndValidatesClean() throws Exception {
        Osk.Result created = Osk.exec("create", "hello", "--dir", tmp.toString());
        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo("created " + tmp.resolve("hello") + "\n");
        Path chart = tmp.resolve("hello");
        assertThat(names(chart)).containsExactly("Chart.yaml", "README.md", "charts", "values.yaml");
        assertThat(names(chart.resolve("charts"))).containsExactly("configmap", "deployment", "osk-common", "service");
        assertThat(names(tmp)).containsExactly("hello");
        assertThat(Files.readString(chart.resolve("README.md"))).contains("osk render hello");

        // moved elsewhere, it still renders: the microcharts it uses are inside it
        Path moved = Files.createDirectories(tmp.resolve("elsewhere")).resolve("hello");
        Files.move(chart, moved);
        Osk.Result render = Osk.exec("render", moved.toString());
        assertThat(render.code()).as(render.toString()).isZero();
        assertThat(render.err()).isEmpty();
        assertThat(render.out()).contains("kind: Deployment\nmetadata:\n  name: hello\n")
                .contains("kind: Service\nmetadata:\n  name: hello\n")
                .contains("kind: ConfigMap\nmetadata:\n  name: hello-etc\n")
                .contains("image: docker.io/library/nginx:1.27-alpine");
        Path manifests = tmp.resolve("hello.yaml");
        Files.writeString(manifests, render.out());
        Osk.Result validate = Osk.exec("validate", manifests.toString());
        assertThat(validate.code()).as(validate.toString()).isZero();
        assertThat(validate.err()).isEmpty();
        assertThat(validate.out()).contains(" 0 errors, 0 warnings");
    }

    @Test
    void anInvalidNameIsAUsageErrorAndWritesNothing() throws Exception {
        for (String bad : new String[] {"Hello", "my_app", "-app", "app-", "1app", "a".repeat(64), "a.b"}) {
            // after --, so that '-app' is a name and not an unknown flag
            String line = Osk.exec("create", "--dir", tmp.toString(), "--", bad).onlyErrLine(2);
            assertThat(line).startsWith("osk: chart name '" + bad + "' is not a DNS-1123 label");
        }
        assertThat(names(tmp)).isEmpty();
        assertThat(Osk.exec("create", "a".repeat(63), "--dir", tmp.toString()).code()).isZero();
    }

    @Test
    void anExistingFolderIsRefusedAndLeftUntouched() throws Exception {
        osk.write("hello/values.yaml", "mine: true\n");
        String line = Osk.exec("create", "hello", "--dir", tmp.toString()).onlyErrLine(1);
        assertThat(line).isEqualTo(tmp.resolve("hello") + ": already exists; a new chart is never written over it"
                + " (choose another name or folder, or remove it first)");
        assertThat(names(tmp)).containsExactly("hello");
        assertThat(names(tmp.resolve("hello"))).containsExactly("values.yaml");
        assertThat(Files.readString(tmp.resolve("hello/values.yaml"))).isEqualTo("mine: true\n");
        // an empty folder is refused too
        Files.createDirectory(tmp.resolve("empty"));
        assertThat(Osk.exec("create", "empty", "--dir", tmp.toString()).onlyErrLine(1)).contains("already exists");
        assertThat(names(tmp.resolve("empty"))).isEmpty();
    }

    @Test
    void aMissingDirIsAUsageError() {
        assertThat(Osk.exec("create", "hello", "--dir", osk.path("no/such")).onlyErrLine(2))
                .isEqualTo("osk: --dir '" + osk.path("no/such") + "' is not a folder");
    }
}
