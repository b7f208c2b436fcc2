package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.manifest.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Galera primary controller (mariadb's component primary) as its script expects to find it: the script mounted
 * where its command runs it, every environment variable it reads set, the names they give pointing at the rendered
 * StatefulSet and the selector-less Service and its port, and the Role of its ServiceAccount granting each API call
 * it makes (get the StatefulSet, list pods, get, create and update the Service's Endpoints) and no write on other
 * Endpoints. test-fixtures/e2e/run-e2e.sh runs the same script against a real API server with that Role.
 */
class MariadbPrimaryTest {
    static final Path KIT = CatalogueTest.REPO.resolve("charts/kits/openstack");
    static final Pattern READS = Pattern.compile("os\\.environ\\[\"(\\w+)\"]");

    record Rule(List<?> groups, List<?> resources, List<?> verbs, List<?> names) {
        boolean grants(String group, String resource, String verb, String name) {
            return (groups.contains(group) || groups.contains("*"))
                    && (resources.contains(resource) || resources.contains("*"))
                    && (verbs.contains(verb) || verbs.contains("*"))
                    && (names.isEmpty() || name != null && names.contains(name));
        }
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static Map<String, Object> at(Object o, String... keys) {
        return HaOverlayTest.at(o, keys);
    }

    static Map<?, ?> container(Manifest deployment) {
        return (Map<?, ?>) list(at(deployment.object(), "spec", "template", "spec").get("containers")).get(0);
    }

    static Map<String, String> env(Map<?, ?> container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (Object e : list(container.get("env"))) {
            Map<?, ?> var = (Map<?, ?>) e;
            env.put(String.valueOf(var.get("name")), var.get("value") == null ? null : String.valueOf(var.get("value")));
        }
        return env;
    }

    /** The rules of every Role bound to {@code serviceAccount}. */
    static List<Rule> rules(List<Manifest> out, String serviceAccount) {
        List<Rule> rules = new ArrayList<>();
        for (Manifest binding : out) {
            if (!binding.kind().equals("RoleBinding") || list(binding.object().get("subjects")).stream()
                    .noneMatch(s -> serviceAccount.equals(((Map<?, ?>) s).get("name")))) {
                continue;
            }
            Manifest role = HaOverlayTest.find(out, "Role", String.valueOf(at(binding.object(), "roleRef").get("name")));
            for (Object r : list(role.object().get("rules"))) {
                Map<?, ?> rule = (Map<?, ?>) r;
                rules.add(new Rule(list(rule.get("apiGroups")), list(rule.get("resources")), list(rule.get("verbs")),
                        list(rule.get("resourceNames"))));
            }
        }
        return rules;
    }

    static boolean allowed(List<Rule> rules, String group, String resource, String verb, String name) {
        return rules.stream().anyMatch(r -> r.grants(group, resource, verb, name));
    }

    /** The script the controller's command runs: the ConfigMap key mounted at the command's path. */
    static String script(List<Manifest> out, Manifest deployment) {
        Map<?, ?> c = container(deployment);
        List<?> command = list(c.get("command"));
        assertThat(command).hasSize(3);
        assertThat(List.<Object>copyOf(command.subList(0, 2))).containsExactly("python3", "-u");
        Map<?, ?> mount = list(c.get("volumeMounts")).stream().map(m -> (Map<?, ?>) m)
                .filter(m -> command.get(2).equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + command.get(2)));
        Map<?, ?> volume = list(at(deployment.object(), "spec", "template", "spec").get("volumes")).stream()
                .map(v -> (Map<?, ?>) v).filter(v -> mount.get("name").equals(v.get("name"))).findFirst().orElseThrow();
        String configMap = String.valueOf(((Map<?, ?>) volume.get("configMap")).get("name"));
        Object text = at(HaOverlayTest.find(out, "ConfigMap", configMap).object(), "data").get(mount.get("subPath"));
        assertThat(text).as("ConfigMap %s key %s", configMap, mount.get("subPath")).isInstanceOf(String.class);
        return (String) text;
    }

    static void holdsTheContract(List<Manifest> out) {
        Manifest deployment = HaOverlayTest.find(out, "Deployment", "mariadb-primary");
        String script = script(out, deployment);
        Map<String, String> env = env(container(deployment));
        Set<String> reads = new LinkedHashSet<>();
        for (Matcher m = READS.matcher(script); m.find(); ) {
            reads.add(m.group(1));
        }
        assertThat(reads).contains("GALERA_STATEFULSET", "GALERA_SERVICE", "GALERA_PORT_NAME", "GALERA_PORT",
                "GALERA_INTERVAL");
        assertThat(env).as("the environment the script reads").containsKeys(reads.toArray(String[]::new));
        reads.forEach(v -> assertThat(env.get(v)).as(v).isNotBlank());

        String sts = env.get("GALERA_STATEFULSET");
        String svc = env.get("GALERA_SERVICE");
        assertThat(at(HaOverlayTest.find(out, "StatefulSet", sts).object(), "spec").get("serviceName"))
                .isEqualTo("mariadb-discovery");
        Map<String, Object> service = at(HaOverlayTest.find(out, "Service", svc).object(), "spec");
        assertThat(service.get("selector")).as("Service %s must have no selector", svc).isNull();
        assertThat(list(service.get("ports"))).anySatisfy(p -> {
            assertThat(((Map<?, ?>) p).get("name")).isEqualTo(env.get("GALERA_PORT_NAME"));
            assertThat(String.valueOf(((Map<?, ?>) p).get("port"))).isEqualTo(env.get("GALERA_PORT"));
        });

        String account = String.valueOf(at(deployment.object(), "spec", "template", "spec").get("serviceAccountName"));
        HaOverlayTest.find(out, "ServiceAccount", account);
        List<Rule> rules = rules(out, account);
        assertThat(allowed(rules, "apps", "statefulsets", "get", sts)).as("get statefulsets/" + sts).isTrue();
        assertThat(allowed(rules, "", "pods", "list", null)).as("list pods").isTrue();
        assertThat(allowed(rules, "", "endpoints", "get", svc)).as("get endpoints/" + svc).isTrue();
        assertThat(allowed(rules, "", "endpoints", "create", null)).as("create endpoints").isTrue();
        assertThat(allowed(rules, "", "endpoints", "update", svc)).as("update endpoints/" + svc).isTrue();
        for (String verb : List.of("update", "patch", "delete")) {
            assertThat(allowed(rules, "", "endpoints", verb, "keystone-api")).as(verb + " other Endpoints").isFalse();
        }
    }

    @Test
    void theControllerFindsWhatItsScriptNeedsInTheAllInOneRender() {
        holdsTheContract(KollaImagesTest.render(KIT, List.of("values/aio.yaml")));
    }

    @Test
    void theControllerFindsWhatItsScriptNeedsInTheHaRender() {
        List<Manifest> out = KollaImagesTest.render(KIT, List.of("values/multinode-ha.yaml"));
        holdsTheContract(out);
        assertThat(at(HaOverlayTest.find(out, "StatefulSet", "mariadb-server").object(), "spec").get("replicas"))
                .isEqualTo(3L);
    }

    @Test
    void aRoleWithoutTheEndpointsUpdateIsCaught() {
        List<Manifest> out = KollaImagesTest.render(KIT, List.of("values/aio.yaml"),
                "mariadb.primary.extraRules=null");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> holdsTheContract(out))
                .hasMessageContaining("create endpoints");
    }

    @Test
    void aChangedScriptRollsTheControllerAndNotTheGaleraMembers() {
        List<Manifest> before = KollaImagesTest.render(KIT, List.of("values/aio.yaml"));
        List<Manifest> after = KollaImagesTest.render(KIT, List.of("values/aio.yaml"),
                "mariadb.scripts.confText.mariadb-primary\\.py=print(1)");
        assertThat(script(after, HaOverlayTest.find(after, "Deployment", "mariadb-primary"))).isEqualTo("print(1)");
        assertThat(annotations(after, "Deployment", "mariadb-primary").get("checksum/scripts"))
                .isNotEqualTo(annotations(before, "Deployment", "mariadb-primary").get("checksum/scripts"))
                .isNotNull();
        assertThat(annotations(after, "StatefulSet", "mariadb-server"))
                .isEqualTo(annotations(before, "StatefulSet", "mariadb-server"));
    }

    static Map<String, Object> annotations(List<Manifest> out, String kind, String name) {
        return at(HaOverlayTest.find(out, kind, name).object(), "spec", "template", "metadata", "annotations");
    }
}
