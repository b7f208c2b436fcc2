package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.KubeVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules of this validator that changed between Kubernetes releases, each at the release that changed it:
 * StatefulSet serviceName, required in the apps/v1 OpenAPI schema before 1.33 and optional (a DNS-1123 label
 * when set) from 1.33 (kubernetes#130233, CHANGELOG-1.33); status.hostIPs for env fieldRefs from 1.29
 * (PodHostIPs, beta and on by default); hugepages for env resourceFieldRefs from 1.22 (DownwardAPIHugePages on by
 * default); probes on sidecars, init containers with restartPolicy Always, from 1.29 (SidecarContainers, beta and on
 * by default); a StatefulSet's pod template and claim templates, checked from 1.34 (kubernetes#131790, #132212).
 */
class VersionedPodRulesTest {
    private static Map<String, Object> statefulSet(String serviceName) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (serviceName != null) {
            spec.put("serviceName", serviceName);
        }
        spec.put("selector", Map.of("matchLabels", Map.of("app", "db")));
        spec.put("template", Map.of("metadata", Map.of("labels", Map.of("app", "db")),
                "spec", Map.of("containers", List.of(Map.of("name", "db", "image", "registry.example.com/db:1.0.0")))));
        return Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", Map.of("name", "db"), "spec", spec);
    }

    private static Map<String, Object> podWithEnv(Map<String, Object> valueFrom) {
        return Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "web"),
                "spec", Map.of("containers", List.of(Map.of("name", "web", "image", "registry.example.com/web:1.0.0",
                        "env", List.of(Map.of("name", "VALUE", "valueFrom", valueFrom))))));
    }

    private static List<String> findings(Map<String, Object> obj, String version) {
        List<String> out = new ArrayList<>();
        ApiRules.check(obj, KubeVersion.parse(version), (check, ptr, msg) -> out.add(check.id() + " " + ptr));
        return out;
    }

    @Test
    void serviceNameIsRequiredBefore133() {
        assertThat(findings(statefulSet(null), "1.20")).containsExactly("schema /spec/serviceName");
        assertThat(findings(statefulSet(null), "1.32")).containsExactly("schema /spec/serviceName");
        assertThat(findings(statefulSet(null), "1.33")).isEmpty();
        assertThat(findings(statefulSet(null), "1.34")).isEmpty();
    }

    @Test
    void serviceNameIsADns1123LabelFrom133() {
        assertThat(findings(statefulSet("db_headless"), "1.32")).isEmpty();
        assertThat(findings(statefulSet("db_headless"), "1.33")).containsExactly("api-rules /spec/serviceName");
        assertThat(findings(statefulSet("db-headless"), "1.33")).isEmpty();
        // an empty serviceName is present for the schema, and not checked by the server
        assertThat(findings(statefulSet(""), "1.20")).isEmpty();
        assertThat(findings(statefulSet(""), "1.34")).isEmpty();
    }

    @Test
    void hostIpsIsAnEnvFieldFrom129() {
        Map<String, Object> pod = podWithEnv(Map.of("fieldRef", Map.of("fieldPath", "status.hostIPs")));
        assertThat(findings(pod, "1.28")).containsExactly(
                "api-rules /spec/containers/0/env/0/valueFrom/fieldRef/fieldPath");
        assertThat(findings(pod, "1.29")).isEmpty();
        Map<String, Object> podIps = podWithEnv(Map.of("fieldRef", Map.of("fieldPath", "status.podIPs")));
        assertThat(findings(podIps, "1.20")).isEmpty();
    }

    @Test
    void hugePagesAreAnEnvResourceFrom122() {
        Map<String, Object> pod = podWithEnv(Map.of("resourceFieldRef", Map.of("resource", "limits.hugepages-2Mi")));
        assertThat(findings(pod, "1.21")).containsExactly(
                "api-rules /spec/containers/0/env/0/valueFrom/resourceFieldRef/resource");
        assertThat(findings(pod, "1.22")).isEmpty();
    }

    @Test
    void sidecarsMayHaveProbesFrom129() {
        Map<String, Object> probe = Map.of("tcpSocket", Map.of("port", 8080L));
        Map<String, Object> sidecar = new LinkedHashMap<>(Map.of("name", "proxy", "image",
                "registry.example.com/proxy:1.0.0", "restartPolicy", "Always", "startupProbe", probe));
        Map<String, Object> pod = Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "web"),
                "spec", Map.of("initContainers", List.of(sidecar), "containers", List.of(Map.of("name", "web",
                        "image", "registry.example.com/web:1.0.0"))));
        assertThat(findings(pod, "1.28")).containsExactly("api-rules /spec/initContainers/0/startupProbe");
        assertThat(findings(pod, "1.29")).isEmpty();
        sidecar.remove("restartPolicy");
        assertThat(findings(pod, "1.34")).containsExactly("api-rules /spec/initContainers/0/startupProbe");
    }

    @Test
    void statefulSetPodTemplatesAreCheckedFrom134() {
        Map<String, Object> sts = new LinkedHashMap<>(statefulSet("db"));
        Map<String, Object> spec = new LinkedHashMap<>(ApiRules.map(sts.get("spec")));
        spec.put("template", Map.of("metadata", Map.of("labels", Map.of("app", "db")), "spec", Map.of("containers",
                List.of(Map.of("name", "DB", "image", "registry.example.com/db:1.0.0")))));
        spec.put("volumeClaimTemplates", List.of(Map.of("metadata", Map.of("name", "data"),
                "spec", Map.of("accessModes", List.of("ReadWriteSometimes")))));
        sts.put("spec", spec);
        assertThat(findings(sts, "1.33")).isEmpty();
        assertThat(findings(sts, "1.34")).containsExactlyInAnyOrder(
                "api-rules /spec/template/spec/containers/0/name",
                "api-rules /spec/volumeClaimTemplates/0/spec/accessModes/0",
                "api-rules /spec/volumeClaimTemplates/0/spec/resources/requests/storage");
        // restartPolicy is checked on every version
        spec.put("template", Map.of("metadata", Map.of("labels", Map.of("app", "db")), "spec", Map.of("restartPolicy",
                "Never", "containers", List.of(Map.of("name", "db", "image", "registry.example.com/db:1.0.0")))));
        spec.remove("volumeClaimTemplates");
        assertThat(findings(sts, "1.20")).containsExactly("api-rules /spec/template/spec/restartPolicy");
    }
}
