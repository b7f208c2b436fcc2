package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Readiness, liveness and startup probes are separate values: a slow start never counts against liveness, a
 * Galera joiner is not killed during its state transfer, and the APIs under Apache answer a health path.
 */
class ProbesTest {
    static final Path KIT = CatalogueTest.REPO.resolve("charts/kits/openstack");
    static final Path AIO = CatalogueTest.REPO.resolve("values/aio.yaml");

    static Map<String, Object> container(List<Manifest> out, String kind, String name) {
        KeystoneKeysTest.Pod pod = KeystoneKeysTest.pods(out).stream()
                .filter(p -> p.object().equals(kind + "/" + name)).findFirst().orElseThrow();
        List<Map<String, Object>> cs = pod.containers();
        return cs.get(cs.size() - 1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> probe(Map<String, Object> container, String which) {
        return (Map<String, Object>) container.get(which);
    }

    /** how long a probe tolerates failing: periodSeconds (default 10) times failureThreshold (default 3) */
    static long window(Map<String, Object> probe) {
        long period = probe.get("periodSeconds") instanceof Number n ? n.longValue() : 10;
        long failures = probe.get("failureThreshold") instanceof Number n ? n.longValue() : 3;
        return period * failures;
    }

    @Test
    void theShorthandProbeIsTheReadinessAndTheLivenessProbe() {
        List<Manifest> out = CatalogueTest.render(KIT, AIO);
        Map<String, Object> memcached = container(out, "StatefulSet", "memcached");
        assertThat(probe(memcached, "readinessProbe")).isNotNull()
                .isEqualTo(probe(memcached, "livenessProbe"));
        assertThat(HaOverlayTest.at(probe(memcached, "readinessProbe"), "tcpSocket").get("port")).isEqualTo(11211L);
        assertThat(memcached).doesNotContainKey("startupProbe");
    }

    @Test
    void anExplicitProbeTakesThePlaceOfTheShorthandForItsKindOnly() {
        List<Manifest> out = KollaImagesTest.render(KIT, List.of("values/aio.yaml"),
                "memcached.server.livenessProbe.tcpSocket.port=11299",
                "memcached.server.startupProbe.tcpSocket.port=11298");
        Map<String, Object> memcached = container(out, "StatefulSet", "memcached");
        assertThat(HaOverlayTest.at(probe(memcached, "livenessProbe"), "tcpSocket").get("port")).isEqualTo(11299L);
        assertThat(probe(memcached, "livenessProbe")).doesNotContainKey("initialDelaySeconds");
        assertThat(HaOverlayTest.at(probe(memcached, "readinessProbe"), "tcpSocket").get("port")).isEqualTo(11211L);
        assertThat(HaOverlayTest.at(probe(memcached, "startupProbe"), "tcpSocket").get("port")).isEqualTo(11298L);
    }

    @Test
    void keystoneAndPlacementUnderApacheProbeAHealthPathWithTimeouts() {
        List<Manifest> out = CatalogueTest.render(KIT, AIO);
        for (String[] api : List.of(new String[] {"keystone-api", "/healthcheck", "5000"},
                new String[] {"placement-api", "/", "8778"})) {
            Map<String, Object> c = container(out, "Deployment", api[0]);
            assertThat(String.valueOf(c.get("command"))).as(api[0]).contains("-DFOREGROUND");
            for (String which : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                Map<String, Object> p = probe(c, which);
                assertThat(p).as(api[0] + " " + which).isNotNull();
                assertThat(HaOverlayTest.at(p, "httpGet")).as(api[0] + " " + which)
                        .containsEntry("path", api[1]).containsEntry("port", Long.parseLong(api[2]));
                assertThat(((Number) p.get("timeoutSeconds")).longValue()).as(api[0] + " " + which)
                        .isGreaterThanOrEqualTo(5);
            }
            assertThat(window(probe(c, "livenessProbe"))).as(api[0] + ": liveness outlasts readiness")
                    .isGreaterThan(window(probe(c, "readinessProbe")));
        }
    }

    @Test
    void aGaleraJoinerIsNotKilledWhileItReceivesItsStateTransfer() {
        List<Manifest> out = CatalogueTest.render(KIT, AIO);
        Map<String, Object> galera = container(out, "StatefulSet", "mariadb-server");
        // liveness asks only whether mysqld accepts connections, never whether the member is synced
        assertThat(probe(galera, "livenessProbe")).containsKey("tcpSocket").doesNotContainKey("exec");
        assertThat(String.valueOf(probe(galera, "readinessProbe"))).contains("wsrep_ready");
        assertThat(window(probe(galera, "startupProbe"))).as("seconds a joiner may take to open its port")
                .isGreaterThanOrEqualTo(1800);
    }

    @Test
    void rabbitmqHasFifteenMinutesToFindItsPeersAtStart() {
        List<Manifest> out = CatalogueTest.render(KIT, AIO);
        Map<String, Object> rabbit = container(out, "StatefulSet", "rabbitmq-server");
        assertThat(window(probe(rabbit, "startupProbe"))).isGreaterThanOrEqualTo(900);
        assertThat(window(probe(rabbit, "livenessProbe"))).isLessThan(900);
    }

    @TestFactory
    Stream<DynamicTest> everyServerIsProbedForReadinessAndLiveness() throws IOException {
        return KeystoneKeysTest.forEveryKitAndOverlay(out -> {
            List<String> missing = new ArrayList<>();
            for (KeystoneKeysTest.Pod pod : KeystoneKeysTest.pods(out)) {
                if (!pod.object().startsWith("Deployment/") && !pod.object().startsWith("StatefulSet/")) {
                    continue;
                }
                for (Map<String, Object> c : KeystoneKeysTest.list(pod.spec().get("containers"))) {
                    if (c.get("ports") == null) {
                        continue;
                    }
                    for (String which : List.of("readinessProbe", "livenessProbe")) {
                        if (probe(c, which) == null) {
                            missing.add(pod.object() + " container " + c.get("name") + ": no " + which);
                        } else if (which.equals("livenessProbe") && probe(c, "readinessProbe") != null
                                && window(probe(c, which)) < window(probe(c, "readinessProbe"))) {
                            missing.add(pod.object() + " container " + c.get("name")
                                    + ": killed before it is taken out of its Service");
                        }
                    }
                }
            }
            assertThat(missing).isEmpty();
        });
    }
}
