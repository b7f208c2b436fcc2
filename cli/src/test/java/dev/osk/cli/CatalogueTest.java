package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.Engine;
import dev.osk.render.KubeVersion;
import dev.osk.render.validate.ValidationOptions;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.validate.Validator;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.graph.DependencyGraph;
import dev.osk.render.graph.PodTemplates;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestWriter;
import dev.osk.render.values.ValueSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped catalogue: every service chart renders on its own, every kit renders with every overlay, twice
 * with identical bytes, and every dependency an init container waits for is an object of the same render.
 */
class CatalogueTest {
    static final Path REPO = GoldenCasesTest.REPO;
    /** Real passwords for every placeholder (made by osk passwords): overlays other than aio.yaml need them. */
    static final String PASSWORDS = "test-fixtures/passwords/kit-passwords.yaml";

    static List<Path> dirs(String under) throws IOException {
        try (Stream<Path> s = Files.list(REPO.resolve(under))) {
            return s.filter(d -> Files.isRegularFile(d.resolve("Chart.yaml"))).sorted().toList();
        }
    }

    static List<Path> overlays() throws IOException {
        try (Stream<Path> s = Files.list(REPO.resolve("values"))) {
            return s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static List<Manifest> render(Path chart, Path overlay) {
        List<ValueSource> values = new ArrayList<>();
        if (overlay != null) {
            values.add(new ValueSource(ValueSource.Kind.FILE, overlay.toString()));
            values.add(new ValueSource(ValueSource.Kind.FILE, REPO.resolve(PASSWORDS).toString()));
        } else {
            // a service chart alone, with its own defaults: its placeholder passwords are fine here
            values.add(new ValueSource(ValueSource.Kind.SET, "global.allowPlaceholderPasswords=true"));
        }
        RenderRequest req = new RenderRequest(chart, values, RenderOptions.defaults(), REPO,
                p -> REPO.relativize(p.toAbsolutePath().normalize()).toString());
        return new Engine().render(req);
    }

    @TestFactory
    Stream<DynamicTest> everyServiceChartRendersAlone() throws IOException {
        return dirs("charts/services").stream().map(chart -> DynamicTest.dynamicTest(
                chart.getFileName().toString(), () -> assertThat(render(chart, null)).isNotEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> everyKitRendersWithEveryOverlay() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path kit : dirs("charts/kits")) {
            for (Path overlay : overlays()) {
                String name = kit.getFileName() + " with " + overlay.getFileName();
                tests.add(DynamicTest.dynamicTest(name, () -> checkKit(kit, overlay)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyKitValidatesCleanForOldAndNewClusters() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path kit : dirs("charts/kits")) {
            for (Path overlay : overlays()) {
                for (String version : List.of("1.20", "1.34")) {
                    String name = kit.getFileName() + " with " + overlay.getFileName() + " for " + version;
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        KubeVersion v = KubeVersion.parse(version);
                        List<ValueSource> values = List.of(new ValueSource(ValueSource.Kind.FILE, overlay.toString()),
                                new ValueSource(ValueSource.Kind.FILE, REPO.resolve(PASSWORDS).toString()));
                        RenderOptions opts = new RenderOptions(null, "openstack", true, v, List.of());
                        List<Manifest> ms = new Engine().render(new RenderRequest(kit, values, opts, REPO,
                                p -> REPO.relativize(p.toAbsolutePath().normalize()).toString()));
                        ValidationReport report = new Validator().validate(ms,
                                new ValidationOptions(v, Set.of(), Set.of()));
                        assertThat(report.findings()).as(name).isEmpty();
                        assertThat(report.objects()).isEqualTo(ms.size()).isPositive();
                    }));
                }
            }
        }
        return tests.stream();
    }

    static void checkKit(Path kit, Path overlay) {
        List<Manifest> first = render(kit, overlay);
        List<Manifest> second = render(kit, overlay);
        ManifestWriter w = new ManifestWriter();
        assertThat(w.stream(second)).as("second render is byte-identical").isEqualTo(w.stream(first));

        DependencyGraph g = DependencyGraph.of(first);
        assertThat(g.dangling()).as("init-container dependencies that name no object of the render").isEmpty();

        Set<String> served = new HashSet<>();
        for (DependencyGraph.Edge e : g.edges()) {
            if (e.via().equals("served-by")) {
                served.add(e.from().name());
            }
        }
        for (Manifest m : first) {
            if (m.kind().equals("Service")) {
                Object spec = m.object().get("spec");
                if (spec instanceof Map<?, ?> sp && sp.get("selector") == null) {
                    // the one Service whose Endpoints a controller of the kit keeps (mariadb-primary)
                    assertThat(m.name()).as("Service without a selector").isEqualTo("mariadb");
                    assertThat(first).as("the controller that keeps mariadb's Endpoints")
                            .anyMatch(x -> x.kind().equals("Deployment") && x.name().equals("mariadb-primary"));
                    continue;
                }
                assertThat(served).as("Service %s selects the pods of some workload", m.name()).contains(m.name());
            }
        }

        sameNodeDependencies(first);

        Set<String> ids = new HashSet<>();
        for (Manifest m : first) {
            assertThat(ids.add(m.kind() + "/" + m.name())).as("unique kind/name: %s", m.describe()).isTrue();
        }
        for (Manifest m : first) {
            if (m.kind().equals("Deployment") || m.kind().equals("StatefulSet") || m.kind().equals("DaemonSet")) {
                Map<?, ?> spec = (Map<?, ?>) m.object().get("spec");
                Map<?, ?> selector = (Map<?, ?>) ((Map<?, ?>) spec.get("selector")).get("matchLabels");
                Map<?, ?> labels = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) spec.get("template")).get("metadata"))
                        .get("labels");
                for (Map.Entry<?, ?> e : selector.entrySet()) {
                    assertThat(labels.get(e.getKey())).as("pod label %s of %s matches its selector", e.getKey(),
                            m.describe()).isEqualTo(e.getValue());
                }
                assertThat(selector.keySet().stream().map(String::valueOf).toList()).as("selector of %s holds no version label", m.describe())
                        .doesNotContain("app.kubernetes.io/version", "helm.sh/chart");
            }
        }
    }

    /**
     * kubernetes-entrypoint's DaemonSet dependency is met while the DaemonSet has no pod on this node
     * (dependencies/daemonset/daemonset.go returns true when no pod shares the host IP), so it orders nothing on a
     * new node. Every wait for another workload's pods is therefore a pod dependency (DEPENDENCY_POD_JSON), which is
     * unmet until such a pod is Ready (dependencies/pod/pod.go); between DaemonSets it is on the same node
     * (requireSameNode), and its labels select the pods of exactly one DaemonSet of the render.
     */
    static void sameNodeDependencies(List<Manifest> ms) {
        Map<String, Map<String, Object>> daemonSetPods = new TreeMap<>();
        List<Map.Entry<Manifest, Map<String, Object>>> templates = new ArrayList<>();
        for (Manifest m : ms) {
            Map<String, Object> t = PodTemplates.podSpecOwner(m.object(), m.kind());
            if (t != null) {
                templates.add(Map.entry(m, t));
                if (m.kind().equals("DaemonSet")) {
                    daemonSetPods.put(m.name(), PodTemplates.podLabels(t));
                }
            }
        }
        for (Map.Entry<Manifest, Map<String, Object>> e : templates) {
            Manifest m = e.getKey();
            Map<String, String> env = PodTemplates.initEnv(e.getValue());
            assertThat(env.getOrDefault("DEPENDENCY_DAEMONSET", "")).as("%s waits for a DaemonSet by name, which"
                    + " kubernetes-entrypoint counts as met while it has no pod on the node", m.describe()).isEmpty();
            if (env.get("DEPENDENCY_POD_JSON") == null) {
                continue;
            }
            for (PodTemplates.PodDependency d : PodTemplates.podDependencies(env.get("DEPENDENCY_POD_JSON"))) {
                List<String> selected = templates.stream().filter(t -> d.matches(PodTemplates.podLabels(t.getValue())))
                        .map(t -> t.getKey().kind() + "/" + t.getKey().name()).toList();
                assertThat(selected).as("%s waits for pods labelled %s", m.describe(), d.selector()).hasSize(1);
                if (m.kind().equals("DaemonSet") && selected.get(0).startsWith("DaemonSet/")) {
                    assertThat(d.requireSameNode()).as("%s waits for %s on its own node", m.describe(),
                            selected.get(0)).isTrue();
                }
            }
        }
    }

    /** The node-local start order, written out: each DaemonSet waits for these DaemonSets' pods on its node. */
    @Test
    void daemonSetsWaitForTheirNodesPods() {
        List<Manifest> ms = render(REPO.resolve("charts/kits/openstack"), REPO.resolve("values/aio.yaml"));
        Map<String, Map<String, Object>> dsLabels = new TreeMap<>();
        for (Manifest m : ms) {
            if (m.kind().equals("DaemonSet")) {
                dsLabels.put(m.name(), PodTemplates.podLabels(PodTemplates.podSpecOwner(m.object(), m.kind())));
            }
        }
        Map<String, Set<String>> waits = new TreeMap<>();
        for (Manifest m : ms) {
            if (!m.kind().equals("DaemonSet")) {
                continue;
            }
            String json = PodTemplates.initEnv(PodTemplates.podSpecOwner(m.object(), m.kind())).get("DEPENDENCY_POD_JSON");
            Set<String> targets = new TreeSet<>();
            for (PodTemplates.PodDependency d : json == null ? List.<PodTemplates.PodDependency>of()
                    : PodTemplates.podDependencies(json)) {
                assertThat(d.requireSameNode()).as("%s: %s", m.name(), d.selector()).isTrue();
                dsLabels.forEach((name, labels) -> {
                    if (d.matches(labels)) {
                        targets.add(name);
                    }
                });
            }
            waits.put(m.name(), targets);
        }
        assertThat(waits).isEqualTo(Map.of(
                "openvswitch-db", Set.of(),
                "openvswitch-vswitchd", Set.of("openvswitch-db"),
                "libvirt", Set.of(),
                "iscsid", Set.of(),
                "neutron-ovs-agent", Set.of("openvswitch-vswitchd"),
                "neutron-dhcp-agent", Set.of("openvswitch-vswitchd", "neutron-ovs-agent"),
                "neutron-l3-agent", Set.of("openvswitch-vswitchd", "neutron-ovs-agent"),
                "neutron-metadata-agent", Set.of("openvswitch-vswitchd", "neutron-ovs-agent"),
                "nova-compute", Set.of("libvirt", "openvswitch-vswitchd", "neutron-ovs-agent")));
    }
}
