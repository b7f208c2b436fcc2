package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped OpenStack kit, packaged: rendering the archive gives exactly what rendering the folder gives, with
 * every overlay, and so do osk values and osk graph.
 */
class KitArchiveTest {
    static final Path REPO = GoldenCasesTest.REPO;

    @TempDir
    static Path dist;
    static Path archive;

    static Osk.Result run(String... args) {
        return Osk.inRepo(args);
    }

    @BeforeAll
    static void packageTheKit() {
        Osk.Result r = run("package", "charts/kits/openstack", "-d", dist.toString());
        assertThat(r.code()).as(r.err()).isZero();
        archive = dist.resolve("openstack-0.1.0.tgz");
        assertThat(archive).isRegularFile();
    }

    @TestFactory
    Stream<DynamicTest> theArchiveRendersExactlyAsTheFolderWithEveryOverlay() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path overlay : CatalogueTest.overlays()) {
            String f = REPO.relativize(overlay).toString();
            tests.add(DynamicTest.dynamicTest(f, () -> {
                Osk.Result folder = run("render", "charts/kits/openstack", "-f", f, "-f", CatalogueTest.PASSWORDS, "-n",
                        "openstack");
                Osk.Result packed = run("render", archive.toString(), "-f", f, "-f", CatalogueTest.PASSWORDS, "-n",
                        "openstack");
                assertThat(folder.code()).as(folder.err()).isZero();
                assertThat(packed.code()).as(packed.err()).isZero();
                assertThat(packed.err()).isEqualTo(folder.err());
                assertThat(packed.out()).isEqualTo(folder.out()).contains("# Source: openstack/charts/keystone/");
            }));
        }
        return tests.stream();
    }

    @Test
    void valuesAndGraphReadTheArchiveToo() {
        for (String command : List.of("values", "graph")) {
            Osk.Result folder = run(command, "charts/kits/openstack", "-f", "values/multinode-ha.yaml", "-f",
                    CatalogueTest.PASSWORDS);
            Osk.Result packed = run(command, archive.toString(), "-f", "values/multinode-ha.yaml", "-f",
                    CatalogueTest.PASSWORDS);
            assertThat(packed.code()).as(packed.err()).isZero();
            assertThat(packed.out()).as(command).isEqualTo(folder.out()).isNotEmpty();
        }
    }

    @Test
    void explainNamesFilesInsideTheArchive() {
        Osk.Result r = run("values", archive.toString(), "--explain");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("global.image.registry: quay.io  # " + archive
                + "/openstack/charts/osk-common/values.yaml:");
    }

    @Test
    void anOlderClusterVersionRendersTheSameFromBoth() {
        Osk.Result folder = run("render", "charts/kits/openstack", "-f", "values/aio.yaml", "--kube-version", "1.20");
        Osk.Result packed = run("render", archive.toString(), "-f", "values/aio.yaml", "--kube-version", "1.20");
        assertThat(packed.code()).as(packed.err()).isZero();
        assertThat(packed.out()).isEqualTo(folder.out());
    }
}
