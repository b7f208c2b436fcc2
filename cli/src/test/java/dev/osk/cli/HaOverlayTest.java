package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.Engine;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.values.ValueSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * values/multinode-ha.yaml on the openstack kit is HA where OpenStack needs it: every memcached client lists
 * every memcached pod, every RabbitMQ client declares quorum queues, Neutron's agents are HA (and Horizon offers
 * the HA routers they make), Glance's replicas share a ReadWriteMany store, and a drain takes one memcached at a time.
 */
class HaOverlayTest {
    static final Path KIT = CatalogueTest.REPO.resolve("charts/kits/openstack");
    static final Path HA = CatalogueTest.REPO.resolve("values/multinode-ha.yaml");

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Object o, String... keys) {
        Object cur = o;
        for (String k : keys) {
            cur = cur instanceof Map<?, ?> m ? m.get(k) : null;
        }
        return (Map<String, Object>) cur;
    }

    static Manifest find(List<Manifest> out, String kind, String name) {
        for (Manifest m : out) {
            if (m.kind().equals(kind) && name.equals(at(m.object(), "metadata").get("name"))) {
                return m;
            }
        }
        throw new AssertionError("no " + kind + " " + name);
    }

    /** Every "key = value" line of every config file of the render whose key is one of {@code keys}. */
    static Map<String, String> options(List<Manifest> out, String... keys) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Manifest m : out) {
            if (!m.kind().equals("ConfigMap")) {
                continue;
            }
            Map<String, Object> data = at(m.object(), "data");
            for (Map.Entry<String, Object> f : data.entrySet()) {
                String section = "";
                for (String line : String.valueOf(f.getValue()).split("\n")) {
                    if (line.startsWith("[")) {
                        section = line;
                    }
                    for (String k : keys) {
                        if (line.startsWith(k + " = ")) {
                            found.put(at(m.object(), "metadata").get("name") + "/" + f.getKey() + " " + section
                                    + " " + k, line.substring(k.length() + 3));
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void everyMemcachedClientListsEveryPodOfTheStatefulSet() {
        List<Manifest> out = CatalogueTest.render(KIT, HA);
        Map<String, Object> sts = find(out, "StatefulSet", "memcached").object();
        assertThat(at(sts, "spec").get("replicas")).isEqualTo(3L);
        assertThat(at(sts, "spec").get("serviceName")).isEqualTo("memcached");
        assertThat(at(find(out, "Service", "memcached").object(), "spec").get("clusterIP")).isEqualTo("None");
        Map<String, String> lists = options(out, "memcache_servers", "memcached_servers", "servers");
        assertThat(lists.keySet()).contains(
                "keystone-etc/keystone.conf [cache] memcache_servers",
                "nova-etc/nova.conf [cache] memcache_servers",
                "nova-etc/nova.conf [keystone_authtoken] memcached_servers",
                "neutron-etc/neutron.conf [keystone_authtoken] memcached_servers",
                "glance-etc/glance-api.conf [keystone_authtoken] memcached_servers",
                "placement-etc/placement.conf [keystone_authtoken] memcached_servers",
                "cinder-etc/cinder.conf [keystone_authtoken] memcached_servers",
                "horizon-etc/memcached.ini [cache] servers");
        assertThat(lists.values()).containsOnly(
                "memcached-0.memcached:11211,memcached-1.memcached:11211,memcached-2.memcached:11211");
        // Horizon reads its list from that file
        assertThat(String.valueOf(at(find(out, "ConfigMap", "horizon-etc").object(), "data").get("local_settings.py")))
                .contains("_MEMCACHED.read('/etc/openstack-dashboard/memcached.ini')")
                .contains("'LOCATION': _MEMCACHED['cache']['servers'].split(','),");
    }

    @Test
    void theListsFollowTheReplicaCount() {
        List<Manifest> out = new Engine().render(new RenderRequest(KIT, List.of(
                new ValueSource(ValueSource.Kind.FILE, HA.toString()),
                new ValueSource(ValueSource.Kind.FILE, CatalogueTest.REPO.resolve(CatalogueTest.PASSWORDS).toString()),
                new ValueSource(ValueSource.Kind.SET, "memcached.server.replicas=2")), RenderOptions.defaults(),
                CatalogueTest.REPO, p -> p.toString()));
        assertThat(at(find(out, "StatefulSet", "memcached").object(), "spec").get("replicas")).isEqualTo(2L);
        assertThat(options(out, "memcache_servers", "memcached_servers").values()).hasSizeGreaterThan(6)
                .containsOnly("memcached-0.memcached:11211,memcached-1.memcached:11211");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRabbitMqClientDeclaresQuorumQueues() {
        List<Manifest> out = CatalogueTest.render(KIT, HA);
        int clients = 0;
        for (Manifest m : out) {
            Map<String, Object> pod = at(m.object(), "spec", "template", "spec");
            if (m.kind().equals("CronJob")) {
                pod = at(m.object(), "spec", "jobTemplate", "spec", "template", "spec");
            }
            if (pod == null) {
                continue;
            }
            Map<String, String> configMapOfVolume = new LinkedHashMap<>();
            for (Object v : (List<Object>) pod.getOrDefault("volumes", List.of())) {
                Map<String, Object> cm = at(v, "configMap");
                if (cm != null) {
                    configMapOfVolume.put((String) ((Map<String, Object>) v).get("name"), (String) cm.get("name"));
                }
            }
            for (Object c : (List<Object>) pod.get("containers")) {
                Map<String, Object> container = (Map<String, Object>) c;
                boolean broker = ((List<Object>) container.getOrDefault("env", List.of())).stream()
                        .anyMatch(e -> "OS_DEFAULT__TRANSPORT_URL".equals(((Map<String, Object>) e).get("name")));
                if (!broker) {
                    continue;
                }
                clients++;
                List<String> files = new ArrayList<>();
                for (Object vm : (List<Object>) container.getOrDefault("volumeMounts", List.of())) {
                    Map<String, Object> mount = (Map<String, Object>) vm;
                    String cm = configMapOfVolume.get(mount.get("name"));
                    if (cm != null && mount.get("subPath") != null) {
                        files.add(String.valueOf(at(find(out, "ConfigMap", cm).object(), "data")
                                .get(mount.get("subPath"))));
                    }
                }
                String name = at(m.object(), "metadata").get("name") + "/" + container.get("name");
                assertThat(files).as(name)
                        .anyMatch(f -> f.contains("[oslo_messaging_rabbit]\nrabbit_quorum_queue = true\n"));
                assertThat(files).as(name).noneMatch(f -> f.contains("rabbit_ha_queues = true"));
            }
        }
        // nova (api, metadata, scheduler, conductor, novncproxy, cell Jobs), neutron (server, agents), cinder,
        // the OVS agent and nova-compute
        assertThat(clients).isGreaterThan(10);
    }

    @Test
    void neutronAgentsAreHaAndGlanceSharesAReadWriteManyStore() {
        List<Manifest> out = CatalogueTest.render(KIT, HA);
        Map<String, String> neutron = options(out, "l3_ha", "max_l3_agents_per_router", "dhcp_agents_per_network",
                "ha_vrrp_health_check_interval");
        assertThat(neutron).containsEntry("neutron-etc/neutron.conf [DEFAULT] l3_ha", "true")
                .containsEntry("neutron-etc/neutron.conf [DEFAULT] max_l3_agents_per_router", "3")
                .containsEntry("neutron-etc/neutron.conf [DEFAULT] dhcp_agents_per_network", "2")
                .containsEntry("neutron-etc/l3_agent.ini [DEFAULT] ha_vrrp_health_check_interval", "5");
        // the server, the busiest of them, gets more CPU than the rest
        Map<?, ?> server = (Map<?, ?>) ((List<?>) at(find(out, "Deployment", "neutron-server").object(), "spec",
                "template", "spec").get("containers")).get(0);
        assertThat(at(server, "resources", "requests")).containsEntry("cpu", "1").containsEntry("memory", "1Gi");
        assertThat(at(find(out, "Deployment", "glance-api").object(), "spec").get("replicas")).isEqualTo(3L);
        assertThat(at(find(out, "PersistentVolumeClaim", "glance-images").object(), "spec").get("accessModes"))
                .isEqualTo(List.of("ReadWriteMany"));
        // the all-in-one overlay keeps the single writer on a ReadWriteOnce claim
        List<Manifest> aio = CatalogueTest.render(KIT, CatalogueTest.REPO.resolve("values/aio.yaml"));
        assertThat(at(find(aio, "Deployment", "glance-api").object(), "spec").get("replicas")).isEqualTo(1L);
        assertThat(at(find(aio, "PersistentVolumeClaim", "glance-images").object(), "spec").get("accessModes"))
                .isEqualTo(List.of("ReadWriteOnce"));
    }

    @Test
    void aDrainTakesOneMemcachedAtATime() {
        List<Manifest> out = CatalogueTest.render(KIT, HA);
        Map<String, Object> pdb = at(find(out, "PodDisruptionBudget", "memcached").object(), "spec");
        assertThat(pdb.get("maxUnavailable")).isEqualTo(1L);
        // it covers exactly the memcached pods: its selector picks the StatefulSet's pod labels
        Map<String, Object> podLabels = at(find(out, "StatefulSet", "memcached").object(), "spec", "template",
                "metadata", "labels");
        Map<String, Object> selector = at(pdb, "selector", "matchLabels");
        assertThat(selector).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(selector);
        for (Manifest m : out) {
            Map<String, Object> labels = at(m.object(), "spec", "template", "metadata", "labels");
            if (labels != null && !m.name().equals("memcached")) {
                assertThat(labels.entrySet().containsAll(selector.entrySet())).as(m.describe()).isFalse();
            }
        }
        // one cache cannot be kept up by a budget: the all-in-one render has none
        List<Manifest> aio = CatalogueTest.render(KIT, CatalogueTest.REPO.resolve("values/aio.yaml"));
        assertThat(aio).noneMatch(m -> m.kind().equals("PodDisruptionBudget") && m.name().equals("memcached"));
    }

    /** Horizon's enable_ha_router, as local_settings.py reads it: the [neutron] option of the file it reads. */
    static String horizonHaRouter(List<Manifest> out) {
        Map<String, Object> data = at(find(out, "ConfigMap", "horizon-etc").object(), "data");
        String settings = String.valueOf(data.get("local_settings.py"));
        assertThat(settings).contains("_DASHBOARD.read('/etc/openstack-dashboard/dashboard.ini')")
                .contains("'enable_ha_router': _DASHBOARD.getboolean('neutron', 'enable_ha_router'),");
        // the file is mounted where local_settings.py reads it
        assertThat(ImageContentsTest.containers(out, KollaImagesTest.KOLLA.prefix()).stream()
                .filter(c -> c.where().equals("Deployment/horizon container dashboard")).findFirst().orElseThrow()
                .files()).containsEntry("/etc/openstack-dashboard/dashboard.ini", String.valueOf(data.get("dashboard.ini")));
        return options(out, "enable_ha_router").get("horizon-etc/dashboard.ini [neutron] enable_ha_router");
    }

    @Test
    void horizonOffersHaRoutersWhereNeutronMakesThem() {
        List<Manifest> out = CatalogueTest.render(KIT, HA);
        assertThat(options(out, "l3_ha")).containsEntry("neutron-etc/neutron.conf [DEFAULT] l3_ha", "true");
        assertThat(horizonHaRouter(out)).isEqualTo("true");
        // without HA routers (the all-in-one overlay, one L3 agent) Horizon does not offer them
        List<Manifest> aio = CatalogueTest.render(KIT, CatalogueTest.REPO.resolve("values/aio.yaml"));
        assertThat(options(aio, "l3_ha")).doesNotContainValue("true");
        assertThat(horizonHaRouter(aio)).isEqualTo("false");
    }

    @Test
    @SuppressWarnings("unchecked")
    void openStackWritesThroughOneGaleraMemberThatTheControllerPicks() {
        for (String overlay : List.of("values/aio.yaml", "values/multinode-ha.yaml")) {
            List<Manifest> out = CatalogueTest.render(KIT, CatalogueTest.REPO.resolve(overlay));
            // no selector: the endpoints controller leaves the Endpoints to mariadb-primary
            Map<String, Object> svc = at(find(out, "Service", "mariadb").object(), "spec");
            assertThat(svc).as(overlay).doesNotContainKey("selector");
            assertThat(svc.get("clusterIP")).as(overlay).isNull();
            // Galera keeps its own headless Service over every member
            assertThat(at(find(out, "Service", "mariadb-discovery").object(), "spec", "selector")).as(overlay)
                    .containsEntry("app.kubernetes.io/component", "server");
            // one controller, even where everything else runs three
            Map<String, Object> ctl = find(out, "Deployment", "mariadb-primary").object();
            assertThat(at(ctl, "spec").get("replicas")).as(overlay).isEqualTo(1L);
            Map<String, Object> container = (Map<String, Object>) ((List<Object>) at(ctl, "spec", "template", "spec")
                    .get("containers")).get(0);
            assertThat(container.get("image")).as(overlay).isEqualTo(at(find(out, "StatefulSet", "mariadb-server")
                    .object(), "spec", "template", "spec").get("containers") instanceof List<?> l
                    ? ((Map<String, Object>) l.get(0)).get("image") : null);
            assertThat(((List<Object>) container.get("env"))).as(overlay).contains(
                    Map.of("name", "GALERA_STATEFULSET", "value", "mariadb-server"),
                    Map.of("name", "GALERA_SERVICE", "value", "mariadb"));
            // it may write Endpoints, and change only mariadb's; nothing else beyond reading
            List<Object> rules = (List<Object>) find(out, "Role", "mariadb-primary-deps").object().get("rules");
            for (Object r : rules) {
                Map<String, Object> rule = (Map<String, Object>) r;
                List<Object> verbs = (List<Object>) rule.get("verbs");
                if (verbs.stream().anyMatch(v -> !v.equals("get") && !v.equals("list"))) {
                    assertThat(rule.get("resources")).as(overlay).isEqualTo(List.of("endpoints"));
                    if (!verbs.equals(List.of("create"))) {
                        assertThat(rule.get("resourceNames")).as(overlay).isEqualTo(List.of("mariadb"));
                    }
                }
            }
        }
    }
}
