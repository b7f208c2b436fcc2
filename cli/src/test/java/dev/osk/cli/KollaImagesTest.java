package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.Engine;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.values.ValueSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every container image the catalogue renders is one Kolla 2024.1 builds (test-fixtures/kolla/images-2024.1.txt,
 * derived from Kolla's docker/ tree) or one of the few it takes from elsewhere (other-images.txt), named as
 * kolla-ansible 2024.1 pulls it: REGISTRY/NAMESPACE/NAME:TAG, with the tag RELEASE-DISTRO-DISTROVERSION (2024.1-ubuntu-jammy)
 * by default. Each kit is rendered with its defaults, every overlay of values/, the documented combination of a
 * sizing overlay with the private-registry one, and the real-node suite's overlays.
 */
class KollaImagesTest {
    static final Path REPO = GoldenCasesTest.REPO;
    static final Path FIXTURES = REPO.resolve("test-fixtures/kolla");
    /** services OpenStack 2024.1 no longer has: no image, no binary */
    static final List<String> REMOVED = List.of("glance-registry", "nova-consoleauth", "nova-cert");

    record KollaImage(String name, boolean deployable, boolean buildsOnUbuntu) {
    }

    /** What the images of one render must look like: the part before the name, the tag, the entrypoint image. */
    record Naming(String prefix, String tag, String entrypoint, Map<String, String> tagByWorkload) {
        Naming(String prefix, String tag, String entrypoint) {
            this(prefix, tag, entrypoint, Map.of());
        }
    }

    record Case(String label, List<String> files, Naming naming) {
    }

    record PodImage(String object, String container, String image) {
    }

    static final Naming KOLLA = new Naming("quay.io/openstack.kolla", "2024.1-ubuntu-jammy",
            "quay.io/airshipit/kubernetes-entrypoint:latest-ubuntu_jammy");
    static final Naming MIRROR = new Naming("registry.example.internal:5000/kolla-mirror",
            "2024.1-ubuntu-jammy-20261101", "registry.example.internal:5000/airshipit/kubernetes-entrypoint:v1.0.0",
            Map.of("Deployment/keystone-api", "2024.1-ubuntu-jammy-20261101-hotfix1"));
    static final Naming NODE_SUITE = new Naming("osk.local/e2e", "zed-debian-bookworm",
            "osk.local/e2e/kubernetes-entrypoint:zed");

    static List<Case> cases() throws IOException {
        List<String> nodeOverlays = new ArrayList<>(List.of("values/aio.yaml"));
        try (Stream<Path> s = Files.list(REPO.resolve("test-fixtures/e2e/node"))) {
            s.map(p -> REPO.relativize(p).toString()).filter(p -> p.endsWith(".yaml")).sorted().forEach(nodeOverlays::add);
        }
        return List.of(
                new Case("chart defaults", List.of(), KOLLA),
                new Case("aio.yaml", List.of("values/aio.yaml"), KOLLA),
                new Case("multinode-ha.yaml", List.of("values/multinode-ha.yaml"), KOLLA),
                new Case("private-registry.yaml", List.of("values/private-registry.yaml"), MIRROR),
                new Case("multinode-ha.yaml + private-registry.yaml",
                        List.of("values/multinode-ha.yaml", "values/private-registry.yaml"), MIRROR),
                new Case("the real-node suite's overlays", nodeOverlays, NODE_SUITE));
    }

    static Map<String, KollaImage> kollaImages() {
        Map<String, KollaImage> out = new LinkedHashMap<>();
        for (String line : lines("images-2024.1.txt")) {
            String[] f = line.split("\\s+");
            out.put(f[0], new KollaImage(f[0], f[1].equals("deployable"),
                    !List.of(f).subList(2, f.length).contains("unbuildable-ubuntu")));
        }
        return out;
    }

    /** NAMESPACE/NAME to its default tag */
    static Map<String, String> otherImages() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines("other-images.txt")) {
            String[] f = line.split("\\s+");
            out.put(f[0], f[1]);
        }
        return out;
    }

    static List<String> lines(String file) {
        try {
            return Files.readAllLines(FIXTURES.resolve(file)).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Manifest> render(Path kit, List<String> files, String... sets) {
        List<ValueSource> values = new ArrayList<>();
        for (String f : files) {
            values.add(new ValueSource(ValueSource.Kind.FILE, REPO.resolve(f).toString()));
        }
        // real passwords: renders other than the all-in-one one refuse placeholder passwords
        values.add(new ValueSource(ValueSource.Kind.FILE, REPO.resolve(CatalogueTest.PASSWORDS).toString()));
        for (String s : sets) {
            values.add(new ValueSource(ValueSource.Kind.SET, s));
        }
        return new Engine().render(new RenderRequest(kit, values, RenderOptions.defaults(), REPO,
                p -> REPO.relativize(p.toAbsolutePath().normalize()).toString()));
    }

    /** every container and init container of every pod template in the render, wherever it sits */
    static List<PodImage> podImages(List<Manifest> render) {
        List<PodImage> out = new ArrayList<>();
        for (Manifest m : render) {
            collect(m.kind() + "/" + m.name(), m.object(), out);
        }
        return out;
    }

    private static void collect(String object, Object node, List<PodImage> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers"))
                        && e.getValue() instanceof List<?> list) {
                    for (Object c : list) {
                        Map<?, ?> container = (Map<?, ?>) c;
                        out.add(new PodImage(object, String.valueOf(container.get("name")),
                                String.valueOf(container.get("image"))));
                    }
                } else {
                    collect(object, e.getValue(), out);
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                collect(object, o, out);
            }
        }
    }

    /** one line per image that is not a Kolla 2024.1 image (or a listed other image) named as configured */
    static List<String> problems(List<PodImage> images, Naming naming) {
        Map<String, KollaImage> kolla = kollaImages();
        Map<String, String> others = otherImages();
        List<String> out = new ArrayList<>();
        for (PodImage p : images) {
            String where = p.object() + " container " + p.container() + ": " + p.image();
            if (p.image().equals(naming.entrypoint())) {
                String path = p.image().substring(0, p.image().lastIndexOf(':'));
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (others.keySet().stream().noneMatch(o -> o.endsWith("/" + name))) {
                    out.add(where + ": not an image the charts are known to take from elsewhere");
                }
                continue;
            }
            String tag = naming.tagByWorkload().getOrDefault(p.object(), naming.tag());
            String prefix = naming.prefix() + "/";
            String suffix = ":" + tag;
            if (!p.image().startsWith(prefix) || !p.image().endsWith(suffix)) {
                out.add(where + ": not " + prefix + "NAME" + suffix);
                continue;
            }
            String name = p.image().substring(prefix.length(), p.image().length() - suffix.length());
            KollaImage k = kolla.get(name);
            if (k == null) {
                out.add(where + ": Kolla 2024.1 builds no image '" + name + "'");
            } else if (!k.deployable()) {
                out.add(where + ": '" + name + "' is a parent image, not one that runs a service");
            } else if (!k.buildsOnUbuntu()) {
                out.add(where + ": Kolla 2024.1 cannot build '" + name + "' on Ubuntu");
            }
        }
        return out;
    }

    static List<Path> kits() throws IOException {
        return CatalogueTest.dirs("charts/kits");
    }

    @TestFactory
    Stream<DynamicTest> everyRenderedImageIsOneKolla2024BuildsNamedAsConfigured() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path kit : kits()) {
            for (Case c : cases()) {
                tests.add(DynamicTest.dynamicTest(kit.getFileName() + " with " + c.label(), () -> {
                    List<PodImage> images = podImages(render(kit, c.files()));
                    assertThat(images).isNotEmpty();
                    assertThat(problems(images, c.naming())).isEmpty();
                    assertThat(images).as("every pod waits for its dependencies with the entrypoint image")
                            .anyMatch(p -> p.image().equals(c.naming().entrypoint()));
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyOverlayOfValuesIsChecked() throws IOException {
        Set<String> checked = new TreeSet<>();
        for (Case c : cases()) {
            checked.addAll(c.files());
        }
        try (Stream<Path> s = Files.list(REPO.resolve("values"))) {
            assertThat(checked).containsAll(s.map(p -> REPO.relativize(p).toString()).toList());
        }
    }

    @Test
    void theDefaultsUseTheseKollaImages() throws IOException {
        Set<String> names = new TreeSet<>();
        String prefix = KOLLA.prefix() + "/";
        for (PodImage p : podImages(render(REPO.resolve("charts/kits/openstack"), List.of()))) {
            if (p.image().startsWith(prefix)) {
                names.add(p.image().substring(prefix.length(), p.image().lastIndexOf(':')));
            }
        }
        assertThat(names).containsExactly("cinder-api", "cinder-scheduler", "cinder-volume", "glance-api", "horizon", "iscsid",
                "keystone", "kolla-toolbox", "mariadb-server", "memcached", "neutron-dhcp-agent", "neutron-l3-agent",
                "neutron-metadata-agent", "neutron-openvswitch-agent", "neutron-server", "nova-api", "nova-compute",
                "nova-conductor", "nova-libvirt", "nova-novncproxy", "nova-scheduler", "openvswitch-db-server",
                "openvswitch-vswitchd", "placement-api", "rabbitmq");
        assertThat(kollaImages().keySet()).containsAll(names);
    }

    @Test
    void kolla2024BuildsNoImageForTheRemovedServices() {
        assertThat(kollaImages()).isNotEmpty().doesNotContainKeys(REMOVED.toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> noDefaultOrOverlayRendersARemovedService() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path kit : kits()) {
            for (Case c : cases()) {
                tests.add(DynamicTest.dynamicTest(kit.getFileName() + " with " + c.label(), () -> {
                    for (Manifest m : render(kit, c.files())) {
                        assertThat(m.name()).as(m.describe()).doesNotContain(REMOVED.toArray(String[]::new));
                    }
                    assertThat(podImages(render(kit, c.files()))).noneMatch(p -> REMOVED.stream().anyMatch(
                            r -> p.image().contains("/" + r + ":") || p.container().equals(r)));
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theSwitchesForOlderReleasesRenderImagesKolla2024DoesNotBuild() {
        List<PodImage> images = podImages(render(REPO.resolve("charts/kits/openstack"), List.of("values/aio.yaml"),
                "glance.registry.enabled=true", "nova.consoleauth.enabled=true", "nova.cert.enabled=true"));
        assertThat(problems(images, KOLLA)).containsExactlyInAnyOrder(
                "Deployment/glance-registry container registry: quay.io/openstack.kolla/glance-registry:2024.1-ubuntu-jammy:"
                        + " Kolla 2024.1 builds no image 'glance-registry'",
                "Deployment/nova-consoleauth container consoleauth: quay.io/openstack.kolla/nova-consoleauth:2024.1-ubuntu-jammy:"
                        + " Kolla 2024.1 builds no image 'nova-consoleauth'");
        assertThat(images).anyMatch(p -> p.object().equals("Deployment/nova-cert"));
    }

    @Test
    void theOldNamingAndUnknownNamesAreCaught() {
        Path kit = REPO.resolve("charts/kits/openstack");
        List<String> renamed = problems(podImages(render(kit, List.of("values/aio.yaml"),
                "keystone.api.image.name=keystone-api", "memcached.image.name=keystone-base")), KOLLA);
        assertThat(renamed).containsExactlyInAnyOrder(
                "Deployment/keystone-api container api: quay.io/openstack.kolla/keystone-api:2024.1-ubuntu-jammy:"
                        + " Kolla 2024.1 builds no image 'keystone-api'",
                "StatefulSet/memcached container server: quay.io/openstack.kolla/keystone-base:2024.1-ubuntu-jammy:"
                        + " 'keystone-base' is a parent image, not one that runs a service");
        // the tag of the install-type era (2024.1), the same for every distro
        List<String> oldTag = problems(podImages(render(kit, List.of("values/aio.yaml"), "global.image.tag=2024.1")),
                KOLLA);
        long kollaImages = podImages(render(kit, List.of("values/aio.yaml"))).stream()
                .filter(p -> !p.image().equals(KOLLA.entrypoint())).count();
        assertThat(oldTag).hasSize((int) kollaImages).allMatch(l -> l.endsWith(":2024.1: not quay.io/openstack.kolla/NAME:2024.1-ubuntu-jammy"));
    }
}
