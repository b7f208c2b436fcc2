package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keystone's fernet and credential keys survive in their Secrets: nothing writes into a read-only volume, the
 * key Jobs change keys in a scratch folder and may touch only their own Secret, and every pod that reads keys
 * mounts them where keystone.conf says they are.
 */
class KeystoneKeysTest {
    static final Path KIT = CatalogueTest.REPO.resolve("charts/kits/openstack");
    static final String SCRIPT = "/usr/local/lib/keystone-keys/keystone-keys.py";

    /** one pod template of a render: the object it sits in, its spec and its ServiceAccount */
    record Pod(String object, Map<String, Object> spec) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> containers() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String k : List.of("initContainers", "containers")) {
                if (spec.get(k) instanceof List<?> l) {
                    l.forEach(c -> out.add((Map<String, Object>) c));
                }
            }
            return out;
        }

        /** volume name to its definition */
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> volumes() {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            if (spec.get("volumes") instanceof List<?> l) {
                l.forEach(v -> out.put(String.valueOf(((Map<?, ?>) v).get("name")), (Map<String, Object>) v));
            }
            return out;
        }
    }

    @SuppressWarnings("unchecked")
    static List<Pod> pods(List<Manifest> out) {
        List<Pod> pods = new ArrayList<>();
        for (Manifest m : out) {
            Map<String, Object> spec = HaOverlayTest.at(m.object(), "spec");
            Map<String, Object> template = switch (m.kind()) {
                case "Deployment", "StatefulSet", "DaemonSet", "Job" -> HaOverlayTest.at(spec, "template", "spec");
                case "CronJob" -> HaOverlayTest.at(spec, "jobTemplate", "spec", "template", "spec");
                case "Pod" -> spec;
                default -> null;
            };
            if (template != null) {
                pods.add(new Pod(m.kind() + "/" + m.name(), template));
            }
        }
        return pods;
    }

    static List<Map<String, Object>> list(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) x;
                out.add(m);
            }
        }
        return out;
    }

    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> e : list(container.get("env"))) {
            if (e.get("value") != null) {
                out.put(String.valueOf(e.get("name")), String.valueOf(e.get("value")));
            }
        }
        return out;
    }

    /** the mount of {@code path} in the container, or null */
    static Map<String, Object> mountAt(Map<String, Object> container, String path) {
        for (Map<String, Object> vm : list(container.get("volumeMounts"))) {
            if (strip(String.valueOf(vm.get("mountPath"))).equals(strip(path))) {
                return vm;
            }
        }
        return null;
    }

    static String strip(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** SECTION.option of keystone.conf as rendered into keystone-etc */
    static String keystoneOption(List<Manifest> out, String section, String option) {
        String conf = String.valueOf(HaOverlayTest.at(HaOverlayTest.find(out, "ConfigMap", "keystone-etc").object(),
                "data").get("keystone.conf"));
        String current = "";
        for (String line : conf.split("\n")) {
            if (line.startsWith("[")) {
                current = line.substring(1, line.indexOf(']'));
            } else if (current.equals(section) && line.startsWith(option + " = ")) {
                return line.substring(option.length() + 3);
            }
        }
        throw new AssertionError("keystone.conf has no [" + section + "] " + option);
    }

    static Stream<DynamicTest> forEveryKitAndOverlay(java.util.function.Consumer<List<Manifest>> check)
            throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path kit : KollaImagesTest.kits()) {
            for (KollaImagesTest.Case c : KollaImagesTest.cases()) {
                tests.add(DynamicTest.dynamicTest(kit.getFileName() + " with " + c.label(),
                        () -> check.accept(KollaImagesTest.render(kit, c.files()))));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> noContainerMountsASecretOrConfigMapWritable() throws IOException {
        return forEveryKitAndOverlay(out -> {
            List<String> writable = new ArrayList<>();
            for (Pod pod : pods(out)) {
                Map<String, Map<String, Object>> volumes = pod.volumes();
                for (Map<String, Object> c : pod.containers()) {
                    for (Map<String, Object> vm : list(c.get("volumeMounts"))) {
                        Map<String, Object> v = volumes.get(String.valueOf(vm.get("name")));
                        boolean readOnlyKind = v != null && (v.containsKey("secret") || v.containsKey("configMap")
                                || v.containsKey("downwardAPI") || v.containsKey("projected"));
                        if (readOnlyKind && !Boolean.TRUE.equals(vm.get("readOnly"))) {
                            writable.add(pod.object() + " container " + c.get("name") + " at " + vm.get("mountPath"));
                        }
                    }
                }
            }
            // the kubelet always mounts these read-only: a container that writes there fails
            assertThat(writable).as("Secret/ConfigMap volumes mounted without readOnly: true").isEmpty();
        });
    }

    @Test
    void keystoneApiAndBootstrapReadBothKeySetsWhereKeystoneConfLooks() {
        List<Manifest> out = CatalogueTest.render(KIT, CatalogueTest.REPO.resolve("values/aio.yaml"));
        Map<String, String> secretAt = Map.of(
                keystoneOption(out, "fernet_tokens", "key_repository"), "keystone-fernet-keys",
                keystoneOption(out, "credential", "key_repository"), "keystone-credential-keys");
        assertThat(secretAt.keySet()).containsExactlyInAnyOrder("/etc/keystone/fernet-keys/",
                "/etc/keystone/credential-keys/");
        for (Pod pod : pods(out)) {
            if (!pod.object().equals("Deployment/keystone-api") && !pod.object().equals("Job/keystone-bootstrap")) {
                continue;
            }
            Map<String, Object> c = pod.containers().get(pod.containers().size() - 1);
            secretAt.forEach((path, secret) -> {
                Map<String, Object> vm = mountAt(c, path);
                assertThat(vm).as(pod.object() + " mounts " + path).isNotNull();
                assertThat(vm.get("readOnly")).isEqualTo(true);
                assertThat(HaOverlayTest.at(pod.volumes().get(String.valueOf(vm.get("name"))), "secret")
                        .get("secretName")).as(pod.object() + " at " + path).isEqualTo(secret);
            });
        }
        assertThat(HaOverlayTest.find(out, "Secret", "keystone-fernet-keys").object()).doesNotContainKey("data");
        assertThat(HaOverlayTest.find(out, "Secret", "keystone-credential-keys").object()).doesNotContainKey("data");
    }

    @Test
    void everyKeyJobChangesKeysInAScratchFolderAndMayUpdateOnlyItsOwnSecret() {
        List<Manifest> out = CatalogueTest.render(KIT, CatalogueTest.REPO.resolve("values/aio.yaml"));
        String fernet = keystoneOption(out, "fernet_tokens", "key_repository");
        String credential = keystoneOption(out, "credential", "key_repository");
        Map<String, String> seen = new LinkedHashMap<>();
        for (Pod pod : pods(out)) {
            for (Map<String, Object> c : pod.containers()) {
                List<?> command = (List<?>) c.get("command");
                if (command == null || !command.contains(SCRIPT)) {
                    continue;
                }
                String mode = String.valueOf(command.get(command.indexOf(SCRIPT) + 1));
                String kind = String.valueOf(command.get(command.indexOf(SCRIPT) + 2));
                Map<String, String> env = env(c);
                String repository = env.get("KEYSTONE_KEYS_REPOSITORY");
                String secret = env.get("KEYSTONE_KEYS_SECRET");
                assertThat(strip(repository)).as(pod.object()).isEqualTo(strip(kind.equals("fernet") ? fernet : credential));
                assertThat(secret).as(pod.object()).isEqualTo("keystone-" + kind + "-keys");
                Map<String, Object> vm = mountAt(c, repository);
                assertThat(vm).as(pod.object() + " mounts its key repository").isNotNull();
                assertThat(pod.volumes().get(String.valueOf(vm.get("name")))).as(pod.object())
                        .containsKey("emptyDir");
                // the ServiceAccount's Role: get and update on this Secret, and no other access to Secrets
                String account = String.valueOf(pod.spec().get("serviceAccountName"));
                List<Map<String, Object>> secretRules = new ArrayList<>();
                for (Map<String, Object> rule : list(HaOverlayTest.find(out, "Role", account + "-deps").object()
                        .get("rules"))) {
                    if (String.valueOf(rule.get("resources")).contains("secrets")) {
                        secretRules.add(rule);
                    }
                }
                assertThat(secretRules).as(pod.object()).hasSize(1);
                assertThat(secretRules.get(0).get("resourceNames")).isEqualTo(List.of(secret));
                assertThat(secretRules.get(0).get("verbs")).isEqualTo(List.of("get", "update"));
                assertThat(HaOverlayTest.find(out, "Secret", secret)).isNotNull();
                seen.put(pod.object(), mode + " " + kind);
            }
        }
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Job/keystone-fernet-setup", "setup fernet",
                "Job/keystone-credential-setup", "setup credential",
                "CronJob/keystone-fernet-rotate", "rotate fernet",
                "CronJob/keystone-credential-rotate", "rotate credential"));
    }

    @Test
    void theCredentialRotationWaitsOnItsOwnReadOnlyMountOfTheSecret() {
        List<Manifest> out = CatalogueTest.render(KIT, CatalogueTest.REPO.resolve("values/aio.yaml"));
        Pod pod = pods(out).stream().filter(p -> p.object().equals("CronJob/keystone-credential-rotate"))
                .findFirst().orElseThrow();
        Map<String, Object> c = pod.containers().get(pod.containers().size() - 1);
        String mounted = env(c).get("KEYSTONE_KEYS_MOUNTED");
        Map<String, Object> vm = mountAt(c, mounted);
        assertThat(vm).isNotNull();
        assertThat(vm.get("readOnly")).isEqualTo(true);
        assertThat(HaOverlayTest.at(pod.volumes().get(String.valueOf(vm.get("name"))), "secret").get("secretName"))
                .isEqualTo("keystone-credential-keys");
        assertThat(vm.get("subPath")).as("a subPath mount never sees a Secret's updates").isNull();
    }

    @Test
    void fernetKeysOutliveATokenAcrossTheRotationSchedule() {
        List<Manifest> out = CatalogueTest.render(KIT, CatalogueTest.REPO.resolve("values/aio.yaml"));
        // max_active_keys 3: a key is dropped two rotations after it became primary; every 12 h keeps a token
        // (1 h by default) readable for at least 12 h
        assertThat(keystoneOption(out, "fernet_tokens", "max_active_keys")).isEqualTo("3");
        assertThat(HaOverlayTest.at(HaOverlayTest.find(out, "CronJob", "keystone-fernet-rotate").object(), "spec")
                .get("schedule")).isEqualTo("0 */12 * * *");
        assertThat(HaOverlayTest.at(HaOverlayTest.find(out, "CronJob", "keystone-credential-rotate").object(), "spec")
                .get("schedule")).isEqualTo("0 3 1 * *");
    }
}
