package dev.osk.cli;

import static dev.osk.cli.HaOverlayTest.at;
import static dev.osk.cli.HaOverlayTest.find;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.Engine;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.values.ValueSource;
import dev.osk.render.KubeVersion;
import dev.osk.render.validate.ValidationOptions;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operators expect of the kits beyond a first start: iscsid and the host state of libvirt on compute nodes,
 * libvirt listening for live migration, and the day-two Jobs (online data migrations, metadata definitions,
 * flavors, a first image), each as kolla-ansible 2024.1 and OpenStack-Helm do it; and access from outside the
 * cluster: Ingresses for the public APIs and the console, public URLs from values that the Keystone Jobs apply
 * again when they change. The Jobs' scripts run here against a stand-in {@code openstack} client.
 */
class OperationsCatalogueTest {
    static final java.nio.file.Path OPENSTACK = CatalogueTest.REPO.resolve("charts/kits/openstack");

    /** the kit with the overlay (or none), the kit's passwords and flags: "--set-json X", "--set-string X", "--set-file-values FILE" (another -f), or --set */
    static List<Manifest> kit(String kit, String overlay, String... sets) {
        List<ValueSource> values = new ArrayList<>();
        if (overlay != null) {
            values.add(new ValueSource(ValueSource.Kind.FILE, CatalogueTest.REPO.resolve(overlay).toString()));
        }
        values.add(new ValueSource(ValueSource.Kind.FILE, CatalogueTest.REPO.resolve(CatalogueTest.PASSWORDS).toString()));
        for (String s : sets) {
            values.add(s.startsWith("--set-file-values ")
                    ? new ValueSource(ValueSource.Kind.FILE, CatalogueTest.REPO.resolve(s.substring(18)).toString())
                    : s.startsWith("--set-json ") ? new ValueSource(ValueSource.Kind.SET_JSON, s.substring(11))
                    : s.startsWith("--set-string ") ? new ValueSource(ValueSource.Kind.SET_STRING, s.substring(13))
                    : new ValueSource(ValueSource.Kind.SET, s));
        }
        return new Engine().render(new RenderRequest(CatalogueTest.REPO.resolve("charts/kits/" + kit), values,
                RenderOptions.defaults(), CatalogueTest.REPO,
                p -> CatalogueTest.REPO.relativize(p.toAbsolutePath().normalize()).toString()));
    }

    static Map<String, Object> pod(Manifest m) {
        return at(m.object(), "spec", "template", "spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Manifest m, String name) {
        for (Object c : (List<Object>) pod(m).get("containers")) {
            if (name.equals(((Map<String, Object>) c).get("name"))) {
                return (Map<String, Object>) c;
            }
        }
        throw new AssertionError("no container " + name + " in " + m.describe());
    }

    /** mount path to the host path (or "configMap:KEY", "secret") it comes from, with ":ro" when read-only */
    @SuppressWarnings("unchecked")
    static Map<String, String> mounts(Manifest m, String containerName) {
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object v : (List<Object>) pod(m).getOrDefault("volumes", List.of())) {
            volumes.put((String) ((Map<String, Object>) v).get("name"), (Map<String, Object>) v);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : (List<Object>) container(m, containerName).getOrDefault("volumeMounts", List.of())) {
            Map<String, Object> mount = (Map<String, Object>) o;
            Map<String, Object> v = volumes.get(mount.get("name"));
            assertThat(v).as("volume %s of %s", mount.get("name"), m.describe()).isNotNull();
            String from = v.get("hostPath") != null ? "host:" + at(v, "hostPath").get("path")
                    : v.get("configMap") != null ? "configMap:" + mount.get("subPath") : String.valueOf(v.keySet());
            out.put((String) mount.get("mountPath"), from + (Boolean.TRUE.equals(mount.get("readOnly")) ? ":ro" : ""));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object o : (List<Object>) container.getOrDefault("env", List.of())) {
            Map<String, Object> e = (Map<String, Object>) o;
            out.put((String) e.get("name"), e.containsKey("value") ? e.get("value") : e.get("valueFrom"));
        }
        return out;
    }

    static String script(Map<String, Object> container) {
        return String.join(" ", container.get("command").toString());
    }

    static List<String> names(List<Manifest> out, String kind) {
        List<String> names = new ArrayList<>();
        for (Manifest m : out) {
            if (m.kind().equals(kind)) {
                names.add(m.name());
            }
        }
        return names;
    }

    static final Object HOST_IP = Map.of("fieldRef", Map.of("fieldPath", "status.hostIP"));

    @Test
    void computeNodesRunIscsidAsKollaAnsibleDoes() {
        for (String kit : List.of("openstack", "compute-node")) {
            List<Manifest> out = kit(kit, "values/multinode-ha.yaml");
            Manifest ds = find(out, "DaemonSet", "iscsid");
            Map<String, Object> pod = pod(ds);
            assertThat(pod).as(kit).containsEntry("hostNetwork", true).containsEntry("hostIPC", true)
                    .containsEntry("nodeSelector", Map.of("openstack-compute-node", "enabled"));
            Map<String, Object> c = container(ds, "iscsid");
            assertThat(c.get("image")).as(kit).isEqualTo("quay.io/openstack.kolla/iscsid:2024.1-ubuntu-jammy");
            assertThat(at(c, "securityContext")).as(kit).containsEntry("privileged", true);
            // in the foreground, as kolla-ansible's iscsid.json.j2, with the initiator name made once
            assertThat(script(c)).as(kit).contains("exec iscsid -d 8 -f").contains("iscsi-iname")
                    .contains("/etc/iscsi/initiatorname.iscsi");
            assertThat(mounts(ds, "iscsid")).as(kit).containsEntry("/etc/iscsi", "host:/etc/iscsi")
                    .containsEntry("/dev", "host:/dev").containsEntry("/run/lock/iscsi", "host:/run/lock/iscsi")
                    .containsEntry("/lib/modules", "host:/lib/modules:ro");
        }
        // the control-plane kit has no compute nodes
        assertThat(names(kit("control-plane", "values/multinode-ha.yaml"), "DaemonSet")).doesNotContain("iscsid");
    }

    @Test
    void iscsidIsASwitch() {
        List<Manifest> off = kit("openstack", "values/aio.yaml", "iscsid.enabled=false");
        assertThat(names(off, "DaemonSet")).doesNotContain("iscsid").contains("nova-compute", "libvirt");
        assertThat(names(off, "ServiceAccount")).doesNotContain("iscsid");
    }

    @Test
    void novaComputeLibvirtAndCinderVolumeShareTheHostsIscsiState() {
        List<Manifest> out = kit("openstack", "values/aio.yaml");
        assertThat(mounts(find(out, "DaemonSet", "nova-compute"), "compute"))
                .containsEntry("/etc/iscsi", "host:/etc/iscsi");
        assertThat(mounts(find(out, "Deployment", "cinder-volume"), "volume"))
                .containsEntry("/etc/iscsi", "host:/etc/iscsi");
    }

    @Test
    void libvirtKeepsItsDomainsAndReadsTheMachineIdFromTheHost() {
        Manifest libvirt = find(kit("openstack", "values/multinode-ha.yaml"), "DaemonSet", "libvirt");
        assertThat(mounts(libvirt, "libvirt")).containsEntry("/etc/libvirt/qemu", "host:/etc/libvirt/qemu")
                .containsEntry("/etc/machine-id", "host:/etc/machine-id:ro")
                .containsEntry("/var/lib/libvirt", "host:/var/lib/libvirt");
    }

    @Test
    @SuppressWarnings("unchecked")
    void libvirtListensForLiveMigrationOnTheNodesAddress() {
        List<Manifest> out = kit("openstack", "values/multinode-ha.yaml");
        String conf = (String) at(find(out, "ConfigMap", "nova-compute-etc").object(), "data").get("libvirtd.conf");
        // TCP without TLS, as kolla-ansible's libvirtd.conf.j2 without libvirt_tls: listen_tls = 0 keeps
        // libvirtd --listen from requiring certificates
        assertThat(conf.lines().toList()).contains("listen_tls = 0", "listen_tcp = 1", "auth_tcp = \"none\"",
                "tcp_port = \"16509\"");
        Manifest libvirt = find(out, "DaemonSet", "libvirt");
        Map<String, Object> c = container(libvirt, "libvirt");
        assertThat(env(c)).containsEntry("LIBVIRTD_LISTEN", "true").containsEntry("NODE_IP", HOST_IP);
        assertThat(script(c)).contains("listen_addr = \\\"$NODE_IP\\\"")
                .contains("exec /usr/sbin/libvirtd --listen --config /tmp/libvirtd.conf");
        assertThat(mounts(libvirt, "libvirt")).containsEntry("/etc/libvirt/libvirtd.conf", "configMap:libvirtd.conf:ro");
        // nova-compute tells the other nodes to send migrations to this node's address
        Map<String, Object> compute = container(find(out, "DaemonSet", "nova-compute"), "compute");
        assertThat(env(compute)).containsEntry("OS_LIBVIRT__LIVE_MIGRATION_INBOUND_ADDR", HOST_IP)
                .containsEntry("OS_DEFAULT__MY_IP", HOST_IP);
        // the switch: off keeps libvirtd on its local socket
        Map<String, Object> off = container(find(kit("openstack", "values/aio.yaml",
                "--set-string nova-compute.libvirt.envVars.LIBVIRTD_LISTEN=false"), "DaemonSet", "libvirt"), "libvirt");
        assertThat(env(off)).containsEntry("LIBVIRTD_LISTEN", "false");
    }

    @Test
    void onlineDataMigrationsRunAfterEveryDbSyncAsOneShotJobs() {
        List<Manifest> out = kit("openstack", "values/multinode-ha.yaml");
        record Want(String job, String image, List<String> command, List<String> after) {
        }
        for (Want w : List.of(
                new Want("nova-online-data-migrations", "nova-api", List.of("nova-manage", "db", "online_data_migrations"),
                        List.of("nova-db-sync", "nova-api-db-sync")),
                new Want("cinder-online-data-migrations", "cinder-api",
                        List.of("cinder-manage", "db", "online_data_migrations"), List.of("cinder-db-sync")),
                new Want("glance-metadefs-load", "glance-api", List.of("/bin/bash", "-ec",
                        "exec glance-manage db load_metadefs --path \"$METADEFS_PATH\""), List.of("glance-db-sync")))) {
            Manifest job = find(out, "Job", w.job());
            // the upgrade recipe deletes and re-applies exactly the Jobs with this label
            assertThat(at(job.object(), "metadata", "labels")).as(w.job()).containsEntry("osk/one-shot", "true");
            Map<String, Object> c = container(job, w.job().substring(w.job().indexOf('-') + 1));
            assertThat(c.get("command")).as(w.job()).isEqualTo(w.command());
            assertThat(c.get("image")).as(w.job())
                    .isEqualTo("quay.io/openstack.kolla/" + w.image() + ":2024.1-ubuntu-jammy");
            assertThat(env(c)).as(w.job()).containsKey("OS_DATABASE__CONNECTION");
            if (w.job().equals("glance-metadefs-load")) {
                // Kolla copies the source tree's etc/metadefs to /etc/glance/metadefs
                assertThat(env(c)).containsEntry("METADEFS_PATH", "/etc/glance/metadefs");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> init = (Map<String, Object>) ((List<Object>) pod(job).get("initContainers")).get(0);
            assertThat(String.valueOf(env(init).get("DEPENDENCY_JOBS")).split(",")).as(w.job())
                    .containsExactlyInAnyOrderElementsOf(w.after());
        }
    }

    @Test
    void defaultFlavorsAreOnInTheAllInOneOverlayOnly() {
        assertThat(names(kit("openstack", "values/multinode-ha.yaml"), "Job")).doesNotContain("nova-flavors");
        assertThat(names(kit("openstack", null), "Job")).doesNotContain("nova-flavors");
        Manifest job = find(kit("openstack", "values/aio.yaml"), "Job", "nova-flavors");
        Map<String, Object> c = container(job, "flavors");
        assertThat(c.get("image")).isEqualTo("quay.io/openstack.kolla/kolla-toolbox:2024.1-ubuntu-jammy");
        Map<String, Object> env = env(c);
        assertThat(env).containsEntry("OS_USERNAME", "admin").containsEntry("OS_AUTH_URL", "http://keystone-api:5000/v3")
                .containsEntry("OS_PASSWORD", Map.of("secretKeyRef",
                        Map.of("name", "nova-secrets", "key", "keystone-admin-password")));
        assertThat((String) env.get("ITEMS")).contains("{\"name\":\"m1.tiny\",\"vcpus\":1,\"ram\":512,\"disk\":1}")
                .contains("\"name\":\"m1.xlarge\"");
        assertThat(script(c)).contains("openstack flavor show \"$name\"").contains("openstack flavor create");
        // a flavor list of one's own
        Manifest mine = find(kit("openstack", "values/multinode-ha.yaml", "nova.flavors.enabled=true",
                "--set-json nova.flavors.items=[{\"name\": \"g1.gpu\", \"vcpus\": 16, \"ram\": 65536, \"disk\": 200}]"), "Job", "nova-flavors");
        assertThat(env(container(mine, "flavors")).get("ITEMS"))
                .isEqualTo("[{\"name\":\"g1.gpu\",\"vcpus\":16,\"ram\":65536,\"disk\":200}]");
    }

    @Test
    void theImageBootstrapIsOffUntilSwitchedOnAndUploadsTheUrlGiven() {
        for (String overlay : List.of("values/aio.yaml", "values/multinode-ha.yaml")) {
            assertThat(names(kit("openstack", overlay), "Job")).as(overlay).doesNotContain("glance-image-bootstrap");
        }
        Manifest job = find(kit("openstack", "values/aio.yaml", "glance.image-bootstrap.enabled=true",
                "glance.image-bootstrap.envVars.IMAGE_URL=http://images.example.internal/focal.img",
                "glance.image-bootstrap.envVars.IMAGE_NAME=focal"), "Job", "glance-image-bootstrap");
        Map<String, Object> c = container(job, "image-bootstrap");
        assertThat(c.get("image")).isEqualTo("quay.io/openstack.kolla/kolla-toolbox:2024.1-ubuntu-jammy");
        assertThat(env(c)).containsEntry("IMAGE_URL", "http://images.example.internal/focal.img")
                .containsEntry("IMAGE_NAME", "focal").containsEntry("IMAGE_DISK_FORMAT", "qcow2");
        assertThat(script(c)).contains("curl -fsSL --retry 5 -o /tmp/image \"$IMAGE_URL\"")
                .contains("openstack image create").contains("--file /tmp/image \"$IMAGE_NAME\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) ((List<Object>) pod(job).get("initContainers")).get(0);
        assertThat(env(init)).containsEntry("DEPENDENCY_SERVICE", "keystone-api,glance-api");
    }

    static final Set<String> PUBLIC = Set.of("keystone-api", "glance-api", "placement-api", "nova-api",
            "nova-novncproxy", "neutron-server", "cinder-api");

    @Test
    void noIngressUnlessSwitchedOn() {
        for (String overlay : List.of("values/aio.yaml", "values/multinode-ha.yaml")) {
            assertThat(names(kit("openstack", overlay), "Ingress")).as(overlay).isEmpty();
        }
    }

    static final String EVERY_INGRESS = "test-fixtures/e2e/every-ingress.yaml";

    @Test
    @SuppressWarnings("unchecked")
    void thePublicApisAndTheConsoleGetAnIngressToTheirService() {
        List<Manifest> out = kit("openstack", "values/multinode-ha.yaml",
                "--set-file-values " + EVERY_INGRESS);
        assertThat(names(out, "Ingress")).containsExactlyInAnyOrderElementsOf(PUBLIC);
        Map<String, Long> ports = Map.of("keystone-api", 5000L, "glance-api", 9292L, "placement-api", 8778L,
                "nova-api", 8774L, "nova-novncproxy", 6080L, "neutron-server", 9696L, "cinder-api", 8776L);
        for (Manifest m : out) {
            if (!m.kind().equals("Ingress")) {
                continue;
            }
            assertThat(m.object().get("apiVersion")).isEqualTo("networking.k8s.io/v1");
            Map<String, Object> spec = at(m.object(), "spec");
            assertThat(spec.get("ingressClassName")).as(m.name()).isEqualTo("nginx");
            Map<String, Object> rule = (Map<String, Object>) ((List<Object>) spec.get("rules")).get(0);
            String host = (String) rule.get("host");
            assertThat(host).as(m.name()).endsWith(".cloud.example.com");
            assertThat(spec.get("tls")).as(m.name()).isEqualTo(List.of(Map.of("hosts", List.of(host),
                    "secretName", host.substring(0, host.indexOf('.')) + "-tls")));
            Map<String, Object> path = (Map<String, Object>) ((List<Object>) at(rule, "http").get("paths")).get(0);
            assertThat(path).containsEntry("path", "/").containsEntry("pathType", "Prefix");
            Map<String, Object> backend = at(path, "backend", "service");
            assertThat(backend.get("name")).as(m.name()).isEqualTo(m.name());
            assertThat(at(backend, "port").get("number")).as(m.name()).isEqualTo(ports.get(m.name()));
            // the Service it sends to is in the render and serves that port
            Manifest svc = find(out, "Service", m.name());
            assertThat(((List<Object>) at(svc.object(), "spec").get("ports")).stream()
                    .map(p -> ((Map<String, Object>) p).get("port"))).as(m.name()).contains(ports.get(m.name()));
        }
    }

    @Test
    void ingressesValidateForOldAndNewClusters() {
        for (String version : List.of("1.20", "1.34")) {
            KubeVersion v = KubeVersion.parse(version);
            List<ValueSource> values = new ArrayList<>(List.of(
                    new ValueSource(ValueSource.Kind.FILE, CatalogueTest.REPO.resolve("values/multinode-ha.yaml").toString()),
                    new ValueSource(ValueSource.Kind.FILE, CatalogueTest.REPO.resolve(CatalogueTest.PASSWORDS).toString())));
            values.add(new ValueSource(ValueSource.Kind.FILE, CatalogueTest.REPO.resolve(EVERY_INGRESS).toString()));
            List<Manifest> ms = new Engine().render(new RenderRequest(OPENSTACK, values,
                    new RenderOptions(null, "openstack", true, v, List.of()), CatalogueTest.REPO,
                    p -> CatalogueTest.REPO.relativize(p.toAbsolutePath().normalize()).toString()));
            assertThat(names(ms, "Ingress")).hasSize(PUBLIC.size());
            ValidationReport report = new Validator().validate(ms, new ValidationOptions(v, Set.of(), Set.of()));
            assertThat(report.findings()).as(version).isEmpty();
        }
    }

    @Test
    void anIngressWithoutAHostIsAnErrorNamingTheValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kit("openstack", "values/aio.yaml",
                "nova.api-ingress.enabled=true")).hasMessageContaining("'host'").hasMessageContaining("nova.api-ingress");
    }

    @Test
    void loadBalancerIsTheOtherWayIn() {
        Manifest svc = find(kit("openstack", "values/aio.yaml", "nova.novncproxy.serviceType=LoadBalancer"),
                "Service", "nova-novncproxy");
        assertThat(at(svc.object(), "spec").get("type")).isEqualTo("LoadBalancer");
    }

    @Test
    void keystonesOwnEndpointsComeFromValues() {
        Manifest job = find(kit("openstack", "values/aio.yaml",
                "keystone.bootstrap.envVars.KEYSTONE_PUBLIC_URL=https://keystone.cloud.example.com/v3/"),
                "Job", "keystone-bootstrap");
        Map<String, Object> c = container(job, "bootstrap");
        assertThat(env(c)).containsEntry("KEYSTONE_PUBLIC_URL", "https://keystone.cloud.example.com/v3/")
                .containsEntry("KEYSTONE_INTERNAL_URL", "http://keystone-api:5000/v3/");
        assertThat(script(c)).contains("--bootstrap-public-url \"$KEYSTONE_PUBLIC_URL\"")
                .contains("--bootstrap-internal-url \"$KEYSTONE_INTERNAL_URL\"");
    }

    @Test
    void theConsoleUrlComesFromValues() {
        Manifest cm = find(kit("openstack", "values/aio.yaml",
                "nova-compute.conf.nova\\.conf.vnc.novncproxy_base_url=https://console.cloud.example.com/vnc_lite.html"),
                "ConfigMap", "nova-compute-etc");
        assertThat(String.valueOf(at(cm.object(), "data").get("nova.conf")))
                .contains("novncproxy_base_url = https://console.cloud.example.com/vnc_lite.html");
    }

    // --- the Jobs' scripts, run against a stand-in openstack client that keeps its catalogue in a file

    /** a stand-in for the openstack client: endpoints and flavors in $STORE, every call in $STORE.log */
    static final String FAKE_OPENSTACK = """
            #!/bin/bash
            echo "$*" >> "$STORE.log"
            touch "$STORE"
            arg() { local want=$1; shift; while [ $# -gt 0 ]; do [ "$1" = "$want" ] && { echo "$2"; return; }; shift; done; }
            # this catalogue's public endpoints are names that resolve only outside the cluster (as after an
            # operator moved them): a client must authenticate at Keystone's Service and use the internal interface
            iface=${OS_INTERFACE:-public}
            case " $* " in *" --os-interface "*) iface=$(arg --os-interface "$@") ;; esac
            if [ "$OS_AUTH_URL" != "$KEYSTONE_SERVICE_URL" ] || [ "$iface" != internal ]; then
              echo "Failed to reach the $iface endpoint (auth URL '$OS_AUTH_URL'): a name outside the cluster" >&2
              exit 1
            fi
            case "$1 $2" in
              "project show") grep -qx "project $3" "$STORE" ;;
              "project create") echo "project ${!#}" >> "$STORE" ;;
              "user create") grep -qx "user ${!#}" "$STORE" || echo "user ${!#}" >> "$STORE" ;;
              "user show") echo "id-${!#}" ;;
              "user set") ;;
              "role create") ;;
              "role add") echo "role $(arg --user "$@") ${!#}" >> "$STORE" ;;
              "service show") awk -v t="$3" '$1 == "service" && $2 == t {f = 1} END {exit !f}' "$STORE" ;;
              "service create") echo "service ${!#} $(arg --name "$@")" >> "$STORE" ;;
              "endpoint list") awk -v i="$(arg --interface "$@")" '$1 == "endpoint" && $3 == i {print $2}' "$STORE" ;;
              "endpoint create") n=$(( $(wc -l < "$STORE") + 1 )); echo "endpoint e$n $6 $7" >> "$STORE" ;;
              "endpoint show") awk -v id="$3" '$1 == "endpoint" && $2 == id {print $4}' "$STORE" ;;
              "endpoint set") awk -v id="$5" -v url="$4" '$1 == "endpoint" && $2 == id {$4 = url} {print}' "$STORE" > "$STORE.new" && mv "$STORE.new" "$STORE" ;;
              "flavor show") grep -q "^flavor $3 " "$STORE" ;;
              "flavor create") echo "flavor ${9} $4 $6 $8" >> "$STORE" ;;
              "flavor list") grep '^flavor ' "$STORE" ;;
              *) echo "unexpected: $*" >&2; exit 2 ;;
            esac
            """;

    /** Keystone's Service in the kit, as the stand-in client expects clients to authenticate: its name and port */
    static final String KEYSTONE_SERVICE_URL = keystoneServiceUrl();

    @SuppressWarnings("unchecked")
    static String keystoneServiceUrl() {
        Manifest svc = find(kit("openstack", "values/aio.yaml"), "Service", "keystone-api");
        Object port = ((Map<String, Object>) ((List<Object>) at(svc.object(), "spec").get("ports")).get(0)).get("port");
        return "http://keystone-api:" + port + "/v3";
    }

    /** runs a Job container's bash script with its literal environment, the stand-in client first on PATH */
    @SuppressWarnings("unchecked")
    static String runScript(Map<String, Object> container, Path dir) throws IOException, InterruptedException {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path fake = bin.resolve("openstack");
        Files.writeString(fake, FAKE_OPENSTACK);
        fake.toFile().setExecutable(true);
        List<Object> command = (List<Object>) container.get("command");
        assertThat(command.subList(0, 2)).isEqualTo(List.of("/bin/bash", "-ec"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-ec", (String) command.get(2)).directory(dir.toFile())
                .redirectErrorStream(true);
        for (Map.Entry<String, Object> e : env(container).entrySet()) {
            if (e.getValue() instanceof String v) {
                pb.environment().put(e.getKey(), v);
            }
        }
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("STORE", dir.resolve("store").toString());
        pb.environment().put("KEYSTONE_SERVICE_URL", KEYSTONE_SERVICE_URL);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static List<String> calls(Path dir, String verb) throws IOException {
        Path log = dir.resolve("store.log");
        List<String> out = new ArrayList<>();
        for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
            if (line.startsWith(verb)) {
                out.add(line);
            }
        }
        Files.deleteIfExists(log);
        return out;
    }

    @Test
    void ksEndpointsCreatesTheEndpointsAndUpdatesOneWhoseUrlChanged(@TempDir Path dir) throws Exception {
        Map<String, Object> first = container(find(kit("openstack", "values/aio.yaml"), "Job", "nova-ks-endpoints"),
                "ks-endpoints");
        runScript(first, dir);
        assertThat(Files.readAllLines(dir.resolve("store"))).containsExactly(
                "endpoint e1 public http://nova-api:8774/v2.1", "endpoint e2 internal http://nova-api:8774/v2.1",
                "endpoint e3 admin http://nova-api:8774/v2.1");
        assertThat(calls(dir, "endpoint create")).hasSize(3);
        // the same values again: nothing changes
        runScript(first, dir);
        assertThat(calls(dir, "endpoint create")).isEmpty();
        // the public URL moves to an external name: that endpoint is updated in place, the others stay
        Map<String, Object> moved = container(find(kit("openstack", "values/aio.yaml",
                "nova.catalog.public=https://nova.cloud.example.com/v2.1"), "Job", "nova-ks-endpoints"), "ks-endpoints");
        runScript(moved, dir);
        assertThat(Files.readAllLines(dir.resolve("store"))).containsExactly(
                "endpoint e1 public https://nova.cloud.example.com/v2.1", "endpoint e2 internal http://nova-api:8774/v2.1",
                "endpoint e3 admin http://nova-api:8774/v2.1");
        List<String> log = Files.readAllLines(dir.resolve("store.log"));
        assertThat(log).filteredOn(l -> l.startsWith("endpoint set") || l.startsWith("endpoint create"))
                .containsExactly("endpoint set --url https://nova.cloud.example.com/v2.1 e1");
    }

    @Test
    void theFlavorsJobCreatesWhatIsMissingAndKeepsWhatExists(@TempDir Path dir) throws Exception {
        Map<String, Object> job = container(find(kit("openstack", "values/aio.yaml"), "Job", "nova-flavors"), "flavors");
        Files.writeString(dir.resolve("store"), "flavor m1.small 4 4096 50\n");
        runScript(job, dir);
        assertThat(Files.readAllLines(dir.resolve("store"))).containsExactly("flavor m1.small 4 4096 50",
                "flavor m1.tiny 1 512 1", "flavor m1.medium 2 4096 40", "flavor m1.large 4 8192 80",
                "flavor m1.xlarge 8 16384 160");
        assertThat(calls(dir, "flavor create")).hasSize(4);
        // again: every flavor is looked at, none created
        runScript(job, dir);
        assertThat(Files.readAllLines(dir.resolve("store.log"))).noneMatch(l -> l.startsWith("flavor create"))
                .filteredOn(l -> l.startsWith("flavor show")).hasSize(5);
    }

    // --- clients of the catalogue inside the cluster: Keystone's Service and the internal interface, never a
    // public URL (the public endpoints may be names only users outside the cluster resolve)

    /** every public endpoint moved to an external name, every Ingress on, and the image bootstrap on */
    static final String[] EXTERNAL = {
        "--set-string keystone.bootstrap.envVars.KEYSTONE_PUBLIC_URL=https://keystone.cloud.example.com/v3/",
        "--set-string glance.catalog.public=https://glance.cloud.example.com",
        "--set-string placement.catalog.public=https://placement.cloud.example.com",
        "--set-string nova.catalog.public=https://nova.cloud.example.com/v2.1",
        "--set-string neutron.catalog.public=https://neutron.cloud.example.com",
        "--set-string cinder.catalog.public=https://cinder.cloud.example.com/v3/%(tenant_id)s",
        "--set-file-values test-fixtures/e2e/every-ingress.yaml", "glance.image-bootstrap.enabled=true"};

    static final java.util.regex.Pattern OPENSTACK_CALL = java.util.regex.Pattern.compile("(^|[\\s;&|(`])openstack\\s+[a-z]");

    /** the pod spec of a workload or a Job, or of the Jobs of a CronJob; null for other kinds */
    static Map<String, Object> podSpec(Manifest m) {
        return m.kind().equals("CronJob") ? at(m.object(), "spec", "jobTemplate", "spec", "template", "spec")
                : at(m.object(), "spec", "template", "spec");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Manifest m) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> spec = podSpec(m);
        if (spec != null) {
            for (String key : List.of("initContainers", "containers")) {
                for (Object c : (List<Object>) spec.getOrDefault(key, List.of())) {
                    out.add((Map<String, Object>) c);
                }
            }
        }
        return out;
    }

    static String host(String url) {
        return java.net.URI.create(url.replace("%(tenant_id)s", "t")).getHost();
    }

    @Test
    void everyClientInTheClusterAuthenticatesAtKeystonesServiceAndUsesTheInternalInterface() {
        List<Manifest> out = kit("openstack", "values/aio.yaml", EXTERNAL);
        Set<String> services = new java.util.HashSet<>(names(out, "Service"));
        // the catalogue as the Jobs register it: public URLs outside, the internal identity URL
        Set<String> publicHosts = new java.util.TreeSet<>();
        String internalIdentity = null;
        for (Manifest m : out) {
            for (Map<String, Object> c : containers(m)) {
                Map<String, Object> env = env(c);
                for (String key : List.of("URL_PUBLIC", "KEYSTONE_PUBLIC_URL")) {
                    if (env.get(key) instanceof String url) {
                        publicHosts.add(host(url));
                    }
                }
                if (env.get("KEYSTONE_INTERNAL_URL") instanceof String url) {
                    internalIdentity = url.replaceAll("/$", "");
                }
            }
        }
        assertThat(publicHosts).containsExactly("cinder.cloud.example.com", "glance.cloud.example.com",
                "keystone.cloud.example.com", "neutron.cloud.example.com", "nova.cloud.example.com",
                "placement.cloud.example.com");
        assertThat(internalIdentity).isEqualTo("http://keystone-api:5000/v3");
        List<String> clients = new ArrayList<>();
        for (Manifest m : out) {
            for (Map<String, Object> c : containers(m)) {
                Map<String, Object> env = env(c);
                String command = String.valueOf(c.get("command")) + " " + c.getOrDefault("args", "");
                if (!env.containsKey("OS_AUTH_URL") && !OPENSTACK_CALL.matcher(command).find()) {
                    continue;
                }
                String who = m.kind() + " " + m.name() + ", container " + c.get("name");
                clients.add(m.name());
                assertThat(env.get("OS_AUTH_URL")).as("%s: OS_AUTH_URL", who).isEqualTo(internalIdentity);
                assertThat(services).as("%s authenticates at a Service of the kit", who).contains(host(internalIdentity));
                assertThat(env.get("OS_INTERFACE")).as("%s: OS_INTERFACE", who).isEqualTo("internal");
                assertThat(command).as(who).doesNotContainPattern("--os-(interface|endpoint-type)[ =]*(public|admin)")
                        .doesNotContain("--os-auth-url");
                for (String h : publicHosts) {
                    assertThat(command).as("%s names a public host", who).doesNotContain(h);
                }
            }
        }
        List<String> expected = new ArrayList<>(List.of("nova-flavors", "glance-image-bootstrap"));
        for (String service : List.of("glance", "placement", "nova", "neutron", "cinder")) {
            for (String job : List.of("ks-user", "ks-service", "ks-endpoints")) {
                expected.add(service + "-" + job);
            }
        }
        assertThat(clients).containsExactlyInAnyOrderElementsOf(expected);
    }

    static String confFile(List<Manifest> out, String configMap, String file) {
        return String.valueOf(at(find(out, "ConfigMap", configMap).object(), "data").get(file));
    }

    @Test
    void theServicesCallEachOtherThroughTheInternalEndpoints() {
        List<Manifest> out = kit("openstack", "values/aio.yaml", EXTERNAL);
        // nova-api and nova-compute reach cinder, cinder reaches nova: the internal endpoints, as kolla-ansible
        // configures them (the defaults, volumev3::publicURL and public, would leave the cluster)
        assertThat(confFile(out, "nova-etc", "nova.conf")).contains("[cinder]\ncatalog_info = volumev3::internalURL\n");
        assertThat(confFile(out, "nova-compute-etc", "nova.conf")).contains("[cinder]\ncatalog_info = volumev3::internalURL\n");
        assertThat(confFile(out, "cinder-etc", "cinder.conf")).contains("[nova]\ninterface = internal\n");
        // and no service config names a public host
        for (Manifest m : out) {
            if (m.kind().equals("ConfigMap") && at(m.object(), "data") != null) {
                for (String h : List.of("keystone", "glance", "placement", "nova", "neutron", "cinder")) {
                    assertThat(String.valueOf(at(m.object(), "data"))).as(m.describe())
                            .doesNotContain(h + ".cloud.example.com");
                }
            }
        }
    }

    @Test
    void theKeystoneJobsRegisterEverythingWhileThePublicEndpointsAreOutsideTheCluster(@TempDir Path dir) throws Exception {
        List<Manifest> out = kit("openstack", "values/aio.yaml", EXTERNAL);
        for (String service : List.of("glance", "placement", "nova", "neutron", "cinder")) {
            Path d = dir.resolve(service);
            for (String job : List.of("ks-user", "ks-service", "ks-endpoints")) {
                runScript(container(find(out, "Job", service + "-" + job), job), d);
                // a second run (the upgrade recipe) gets as far
                runScript(container(find(out, "Job", service + "-" + job), job), d);
            }
            List<String> store = Files.readAllLines(d.resolve("store"));
            assertThat(store).as(service).contains("project service", "user " + service, "role " + service + " admin",
                    "role " + service + " service").anyMatch(l -> l.startsWith("service "))
                    .anyMatch(l -> l.matches("endpoint e\\d+ public https://" + service + "\\.cloud\\.example\\.com.*"))
                    .anyMatch(l -> l.matches("endpoint e\\d+ internal http://" + service + "-(api|server):.*"));
            assertThat(store).as(service).filteredOn(l -> l.startsWith("service ")).hasSize(1);
        }
        runScript(container(find(out, "Job", "nova-flavors"), "flavors"), dir.resolve("flavors"));
        assertThat(Files.readAllLines(dir.resolve("flavors/store"))).hasSize(5);
    }
}
