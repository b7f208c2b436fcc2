package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.KubeVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DaemonSet rolling update rule changed with DaemonSetUpdateSurge (beta, on by default, in 1.22): before,
 * maxUnavailable cannot be 0; from 1.22 exactly one of maxUnavailable (default 1) and maxSurge (default 0) is
 * non-zero (ValidateRollingUpdateDaemonSet, pkg/apis/apps/validation/validation.go of v1.20 and of v1.22).
 */
class AppsRulesTest {
    private static Map<String, Object> daemonSet(Map<String, Object> rollingUpdate) {
        return Map.of("apiVersion", "apps/v1", "kind", "DaemonSet", "metadata", Map.of("name", "agent"),
                "spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "agent")),
                        "updateStrategy", Map.of("type", "RollingUpdate", "rollingUpdate", rollingUpdate),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app", "agent")),
                                "spec", Map.of("containers", List.of(Map.of("name", "agent",
                                        "image", "registry.example.com/agent:1.0.0"))))));
    }

    private static List<String> findings(Map<String, Object> obj, String version) {
        List<String> out = new ArrayList<>();
        ApiRules.check(obj, KubeVersion.parse(version), (check, ptr, msg) -> out.add(ptr + ": " + msg));
        return out;
    }

    @Test
    void surgeWithTheDefaultMaxUnavailableIsRefusedFrom122() {
        Map<String, Object> ds = daemonSet(Map.of("maxSurge", 1L));
        assertThat(findings(ds, "1.22")).singleElement().asString()
                .startsWith("/spec/updateStrategy/rollingUpdate/maxSurge: maxSurge may not be set when maxUnavailable"
                        + " is non-zero");
        assertThat(findings(ds, "1.34")).hasSize(1);
    }

    @Test
    void surgeWithMaxUnavailableZeroIsAcceptedFrom122ButNotBefore() {
        Map<String, Object> ds = daemonSet(Map.of("maxSurge", "10%", "maxUnavailable", 0L));
        assertThat(findings(ds, "1.22")).isEmpty();
        assertThat(findings(ds, "1.21")).containsExactly(
                "/spec/updateStrategy/rollingUpdate/maxUnavailable: maxUnavailable cannot be 0");
    }

    @Test
    void bothZeroIsRefusedOnEveryVersion() {
        Map<String, Object> ds = daemonSet(Map.of("maxSurge", 0L, "maxUnavailable", "0%"));
        assertThat(findings(ds, "1.20")).containsExactly(
                "/spec/updateStrategy/rollingUpdate/maxUnavailable: maxUnavailable cannot be 0");
        assertThat(findings(ds, "1.30")).containsExactly(
                "/spec/updateStrategy/rollingUpdate/maxUnavailable: maxUnavailable cannot be 0 when maxSurge is 0");
    }

    @Test
    void maxSurgeAbove100PercentIsRefusedFrom122() {
        assertThat(findings(daemonSet(Map.of("maxSurge", "150%", "maxUnavailable", 0L)), "1.25")).containsExactly(
                "/spec/updateStrategy/rollingUpdate/maxSurge: '150%' must not be greater than 100%");
    }
}
