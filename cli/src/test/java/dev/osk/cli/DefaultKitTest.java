package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code osk render} with no arguments is the shipped OpenStack kit with values/aio.yaml. */
class DefaultKitTest {

    record Result(int code, String out, String err) {
    }

    static Result run(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String old = System.getProperty("osk.home");
        System.setProperty("osk.home", GoldenCasesTest.REPO.toString());
        try {
            int code = Main.run(cwd, new PrintWriter(out), new PrintWriter(err), args);
            return new Result(code, out.toString(), err.toString());
        } finally {
            if (old == null) {
                System.clearProperty("osk.home");
            } else {
                System.setProperty("osk.home", old);
            }
        }
    }

    @Test
    void renderWithoutArgumentsIsTheOpenStackKitWithTheAllInOneOverlay(@org.junit.jupiter.api.io.TempDir Path elsewhere) {
        Result implicit = run(elsewhere, "render");
        Result explicit = run(GoldenCasesTest.REPO, "render", "charts/kits/openstack", "-f", "values/aio.yaml");
        assertThat(implicit.code()).isZero();
        assertThat(implicit.err()).isEmpty();
        assertThat(implicit.out()).startsWith("---\n# Source: openstack/").isEqualTo(explicit.out());
    }

    @Test
    void aValuesFileReplacesTheDefaultOverlay(@org.junit.jupiter.api.io.TempDir Path elsewhere) {
        Result ha = run(GoldenCasesTest.REPO, "render", "-f", "values/multinode-ha.yaml", "-f", CatalogueTest.PASSWORDS);
        Result explicit = run(GoldenCasesTest.REPO, "render", "charts/kits/openstack", "-f", "values/multinode-ha.yaml",
                "-f", CatalogueTest.PASSWORDS);
        assertThat(ha.code()).isZero();
        assertThat(ha.out()).contains("requiredDuringSchedulingIgnoredDuringExecution").isEqualTo(explicit.out());
    }
}
