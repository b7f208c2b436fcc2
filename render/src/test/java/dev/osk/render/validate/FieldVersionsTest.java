package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.KubeVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fields a Kubernetes release after 1.20 added are refused for targets before it, with the version that added it,
 * and accepted from it on. The versions are Kubernetes' own (the release notes and API reference of each field's
 * feature): Service spec.internalTrafficPolicy 1.21 (ServiceInternalTrafficPolicy alpha), Pod spec.os 1.23
 * (IdentifyPodOS alpha), Job spec.podFailurePolicy 1.25 (JobPodFailurePolicy alpha), StatefulSet spec.ordinals 1.26
 * (StatefulSetStartOrdinal alpha), container resizePolicy 1.27 (InPlacePodVerticalScaling alpha), the image volume
 * source 1.31 (ImageVolume alpha; no model release of 1.31 exists, so 1.30 is the last target known without it),
 * Pod spec.hostnameOverride 1.34.
 */
class FieldVersionsTest {
    private static final Map<String, Object> CONTAINER = Map.of("name", "web", "image", "registry.example.com/web:1.0.0");

    private static List<String> findings(String apiVersion, String kind, Map<String, Object> obj, String version) {
        List<String> out = new ArrayList<>();
        SchemaWalker.walk(obj, KubeSchema.get().type(apiVersion, kind), "", KubeVersion.parse(version),
                (check, ptr, msg) -> out.add(check.id() + " " + ptr + ": " + msg));
        return out;
    }

    private static Map<String, Object> pod(Map<String, Object> spec) {
        return Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "web"), "spec", spec);
    }

    @Test
    void serviceInternalTrafficPolicyCameWith121() {
        Map<String, Object> svc = Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "web"),
                "spec", Map.of("internalTrafficPolicy", "Local", "ports", List.of(Map.of("port", 80))));
        assertThat(findings("v1", "Service", svc, "1.20")).containsExactly(
                "schema /spec/internalTrafficPolicy: field \"internalTrafficPolicy\" does not exist in Kubernetes 1.20 (added in 1.21)");
        assertThat(findings("v1", "Service", svc, "1.21")).isEmpty();
    }

    @Test
    void podOsCameWith123() {
        Map<String, Object> p = pod(Map.of("os", Map.of("name", "linux"), "containers", List.of(CONTAINER)));
        assertThat(findings("v1", "Pod", p, "1.22")).containsExactly(
                "schema /spec/os: field \"os\" does not exist in Kubernetes 1.22 (added in 1.23)");
        assertThat(findings("v1", "Pod", p, "1.20")).containsExactly(
                "schema /spec/os: field \"os\" does not exist in Kubernetes 1.20 (added in 1.23)");
        assertThat(findings("v1", "Pod", p, "1.23")).isEmpty();
        assertThat(findings("v1", "Pod", p, "1.34")).isEmpty();
    }

    @Test
    void jobPodFailurePolicyCameWith125() {
        Map<String, Object> job = Map.of("apiVersion", "batch/v1", "kind", "Job", "metadata", Map.of("name", "once"),
                "spec", Map.of("podFailurePolicy", Map.of("rules", List.of()),
                        "template", Map.of("spec", Map.of("restartPolicy", "Never", "containers", List.of(CONTAINER)))));
        assertThat(findings("batch/v1", "Job", job, "1.24")).containsExactly(
                "schema /spec/podFailurePolicy: field \"podFailurePolicy\" does not exist in Kubernetes 1.24 (added in 1.25)");
        assertThat(findings("batch/v1", "Job", job, "1.25")).isEmpty();
    }

    @Test
    void statefulSetOrdinalsCameWith126() {
        Map<String, Object> sts = Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", Map.of("name", "db"),
                "spec", Map.of("serviceName", "db", "ordinals", Map.of("start", 1),
                        "selector", Map.of("matchLabels", Map.of("app", "db")),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app", "db")),
                                "spec", Map.of("containers", List.of(CONTAINER)))));
        assertThat(findings("apps/v1", "StatefulSet", sts, "1.25")).containsExactly(
                "schema /spec/ordinals: field \"ordinals\" does not exist in Kubernetes 1.25 (added in 1.26)");
        assertThat(findings("apps/v1", "StatefulSet", sts, "1.26")).isEmpty();
    }

    @Test
    void containerResizePolicyCameWith127AtAnyDepth() {
        Map<String, Object> deploy = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "web"),
                "spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "web")),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app", "web")),
                                "spec", Map.of("containers", List.of(Map.of("name", "web",
                                        "image", "registry.example.com/web:1.0.0", "resizePolicy",
                                        List.of(Map.of("resourceName", "cpu", "restartPolicy", "NotRequired"))))))));
        assertThat(findings("apps/v1", "Deployment", deploy, "1.26")).containsExactly(
                "schema /spec/template/spec/containers/0/resizePolicy: field \"resizePolicy\" does not exist in"
                        + " Kubernetes 1.26 (added in 1.27)");
        assertThat(findings("apps/v1", "Deployment", deploy, "1.27")).isEmpty();
    }

    @Test
    void imageVolumesCameWith131WhichNoModelReleaseDescribes() {
        Map<String, Object> p = pod(Map.of("containers", List.of(CONTAINER), "volumes",
                List.of(Map.of("name", "data", "image", Map.of("reference", "registry.example.com/data:1")))));
        assertThat(findings("v1", "Pod", p, "1.30")).containsExactly(
                "schema /spec/volumes/0/image: field \"image\" does not exist in Kubernetes 1.30 (added in 1.31 or 1.32)");
        assertThat(findings("v1", "Pod", p, "1.31")).isEmpty();
    }

    @Test
    void hostnameOverrideCameWith134() {
        Map<String, Object> p = pod(Map.of("hostnameOverride", "web-0", "containers", List.of(CONTAINER)));
        assertThat(findings("v1", "Pod", p, "1.33")).containsExactly(
                "schema /spec/hostnameOverride: field \"hostnameOverride\" does not exist in Kubernetes 1.33 (added in 1.34)");
        assertThat(findings("v1", "Pod", p, "1.34")).isEmpty();
    }
}
