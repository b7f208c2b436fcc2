package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * apps/v1 workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet. ValidateDeploymentSpec,
 * ValidateStatefulSetSpec, ValidateDaemonSetSpec, ValidateReplicaSetSpec in pkg/apis/apps/validation/validation.go.
 */
final class AppsRules {
    private AppsRules() {
    }

    static void workload(Map<String, Object> obj, String kind, KubeVersion version, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        if (!obj.containsKey("spec")) {
            sink.report(Check.SCHEMA, "/spec", "required field is missing: spec");
            return;
        }
        if (!selectorAndTemplate(spec, sink)) {
            return;
        }
        if (spec.get("replicas") instanceof Long r && r < 0) {
            sink.report(Check.API_RULES, "/spec/replicas", "must be greater than or equal to 0");
        }
        switch (kind) {
            case "Deployment" -> deployment(spec, sink);
            case "DaemonSet" -> daemonSet(spec, sink);
            case "StatefulSet" -> statefulSet(spec, sink);
            default -> {
            }
        }
        Set<String> claims = new HashSet<>();
        for (Object vct : ApiRules.list(spec.get("volumeClaimTemplates"))) {
            Object n = ApiRules.map(ApiRules.map(vct).get("metadata")).get("name");
            if (n != null) {
                claims.add(String.valueOf(n));
            }
        }
        Map<String, Object> template = ApiRules.map(spec.get("template"));
        PodRules.podSpec(ApiRules.map(template.get("spec")), "/spec/template/spec", kind, claims, version, sink);
    }

    /**
     * The selector is required and not empty (ValidateLabelSelector, and "empty selector is invalid for
     * deployment" and its like in each Validate*Spec), and the template's labels match it. Returns whether
     * there is a template to go on with.
     */
    private static boolean selectorAndTemplate(Map<String, Object> spec, ApiRules.Sink sink) {
        Map<String, Object> selector = ApiRules.map(spec.get("selector"));
        if (spec.get("selector") == null) {
            sink.report(Check.SCHEMA, "/spec/selector", "required field is missing: selector");
        } else if (ApiRules.map(selector.get("matchLabels")).isEmpty()
                && !(selector.get("matchExpressions") instanceof List<?> l && !l.isEmpty())) {
            sink.report(Check.API_RULES, "/spec/selector", "selector must not be empty");
        }
        ObjectMetaRules.labels(selector.get("matchLabels"), "/spec/selector/matchLabels", sink);
        if (spec.get("template") == null) {
            sink.report(Check.SCHEMA, "/spec/template", "required field is missing: template");
            return false;
        }
        Map<String, Object> template = ApiRules.map(spec.get("template"));
        Map<String, Object> tLabels = ApiRules.map(ApiRules.map(template.get("metadata")).get("labels"));
        ObjectMetaRules.labels(tLabels, "/spec/template/metadata/labels", sink);
        Map<String, Object> matchLabels = ApiRules.map(selector.get("matchLabels"));
        for (Map.Entry<String, Object> e : matchLabels.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(tLabels.get(e.getKey())))) {
                sink.report(Check.API_RULES, "/spec/template/metadata/labels",
                        "selector does not match template labels (" + e.getKey() + "=" + e.getValue() + ")");
                break;
            }
        }
        return true;
    }

    /** ValidateDeploymentSpec, ValidateDeploymentStrategy. */
    private static void deployment(Map<String, Object> spec, ApiRules.Sink sink) {
        sink.oneOf(ApiRules.map(spec.get("strategy")).get("type"), "/spec/strategy/type", "Recreate", "RollingUpdate");
    }

    /** ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy. */
    private static void daemonSet(Map<String, Object> spec, ApiRules.Sink sink) {
        sink.oneOf(ApiRules.map(spec.get("updateStrategy")).get("type"), "/spec/updateStrategy/type",
                "RollingUpdate", "OnDelete");
    }

    /** ValidateStatefulSetSpec; the claim templates as ValidatePersistentVolumeClaimSpec (core validation). */
    private static void statefulSet(Map<String, Object> spec, ApiRules.Sink sink) {
        sink.oneOf(ApiRules.map(spec.get("updateStrategy")).get("type"), "/spec/updateStrategy/type",
                "RollingUpdate", "OnDelete");
        sink.oneOf(spec.get("podManagementPolicy"), "/spec/podManagementPolicy", "OrderedReady", "Parallel");
        if (spec.get("volumeClaimTemplates") instanceof List<?> vcts) {
            for (int i = 0; i < vcts.size(); i++) {
                Map<String, Object> vct = ApiRules.map(vcts.get(i));
                Object n = ApiRules.map(vct.get("metadata")).get("name");
                String p = "/spec/volumeClaimTemplates/" + i;
                if (n == null) {
                    sink.report(Check.SCHEMA, p + "/metadata/name", "required field is missing: name");
                } else {
                    Names.label(String.valueOf(n), p + "/metadata/name", "volume claim template name", sink);
                }
                CoreRules.pvcSpec(ApiRules.map(vct.get("spec")), p + "/spec", sink);
            }
        }
    }
}
