package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * apps/v1 workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet, and ControllerRevision. ValidateDeploymentSpec,
 * ValidateStatefulSetSpec, ValidateDaemonSetSpec, ValidateReplicaSetSpec, ValidateControllerRevision in
 * pkg/apis/apps/validation/validation.go.
 */
final class AppsRules {
    /**
     * Before 1.34 the server checks neither a StatefulSet's pod template beyond its labels, annotations and
     * restartPolicy (the call to ValidatePodTemplateSpec was commented out in ValidatePodTemplateSpecForStatefulSet)
     * nor its volumeClaimTemplates: the StatefulSet is accepted and its pods are refused when the controller
     * creates them. 1.34 checks both (kubernetes#131790, #132212).
     */
    private static final KubeVersion STATEFULSET_POD_SPEC_CHECKED = new KubeVersion(1, 34);

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
            case "DaemonSet" -> daemonSet(spec, version, sink);
            case "StatefulSet" -> statefulSet(spec, version, sink);
            default -> Amounts.nonNegative(spec.get("minReadySeconds"), "/spec/minReadySeconds", sink);
        }
        Set<String> claims = new HashSet<>();
        for (Object vct : ApiRules.list(spec.get("volumeClaimTemplates"))) {
            Object n = ApiRules.map(ApiRules.map(vct).get("metadata")).get("name");
            if (n != null) {
                claims.add(String.valueOf(n));
            }
        }
        Map<String, Object> template = ApiRules.map(spec.get("template"));
        Map<String, Object> podSpec = ApiRules.map(template.get("spec"));
        if (kind.equals("StatefulSet") && !version.atLeast(STATEFULSET_POD_SPEC_CHECKED)) {
            // ValidatePodTemplateSpecForStatefulSet left the pod spec to pod creation; only restartPolicy counts
            sink.oneOf(podSpec.get("restartPolicy"), "/spec/template/spec/restartPolicy", "Always");
            return;
        }
        PodRules.podSpec(podSpec, "/spec/template/spec", kind, claims, version, sink);
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
        LabelSelectors.selector(spec.get("selector"), "/spec/selector", sink);
        if (spec.get("template") == null) {
            sink.report(Check.SCHEMA, "/spec/template", "required field is missing: template");
            return false;
        }
        Map<String, Object> template = ApiRules.map(spec.get("template"));
        Map<String, Object> tLabels = ApiRules.map(ApiRules.map(template.get("metadata")).get("labels"));
        ObjectMetaRules.labels(tLabels, "/spec/template/metadata/labels", sink);
        // ValidatePodTemplateSpec (and, for a StatefulSet, ValidatePodTemplateSpecForStatefulSet) check them
        ObjectMetaRules.annotations(ApiRules.map(template.get("metadata")).get("annotations"),
                "/spec/template/metadata/annotations", sink);
        Map<String, Object> matchLabels = ApiRules.map(selector.get("matchLabels"));
        for (Map.Entry<String, Object> e : matchLabels.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(tLabels.get(e.getKey())))) {
                sink.report(Check.API_RULES, "/spec/template/metadata/labels",
                        "selector does not match template labels (" + e.getKey() + "=" + e.getValue() + ")");
                return true;
            }
        }
        if (Boolean.FALSE.equals(LabelSelectors.matches(selector, tLabels))) {
            sink.report(Check.API_RULES, "/spec/template/metadata/labels",
                    "selector does not match template labels (its matchExpressions)");
        }
        return true;
    }

    /**
     * ValidateDeploymentSpec: minReadySeconds and revisionHistoryLimit not negative, progressDeadlineSeconds (600
     * when omitted, SetDefaults_Deployment in pkg/apis/apps/v1/defaults.go) greater than minReadySeconds; and
     * ValidateDeploymentStrategy.
     */
    private static void deployment(Map<String, Object> spec, ApiRules.Sink sink) {
        Amounts.nonNegative(spec.get("minReadySeconds"), "/spec/minReadySeconds", sink);
        Amounts.nonNegative(spec.get("revisionHistoryLimit"), "/spec/revisionHistoryLimit", sink);
        Object deadline = spec.containsKey("progressDeadlineSeconds") ? spec.get("progressDeadlineSeconds") : 600L;
        if (deadline instanceof Long d && d < 0) {
            Amounts.nonNegative(d, "/spec/progressDeadlineSeconds", sink);
        } else if (deadline instanceof Long d && spec.get("minReadySeconds") instanceof Long min && min >= 0
                && d <= min) {
            sink.report(Check.API_RULES, "/spec/progressDeadlineSeconds", "progressDeadlineSeconds " + d
                    + (spec.containsKey("progressDeadlineSeconds") ? "" : " (the default)")
                    + " must be greater than minReadySeconds " + min);
        }
        Map<String, Object> strategy = ApiRules.map(spec.get("strategy"));
        Object type = strategy.get("type");
        sink.oneOfDefaulted(type, "/spec/strategy/type", "Recreate", "RollingUpdate");
        if ("Recreate".equals(type)) {
            if (strategy.get("rollingUpdate") != null) {
                sink.report(Check.API_RULES, "/spec/strategy/rollingUpdate",
                        "rollingUpdate may not be specified when strategy type is 'Recreate'");
            }
        } else if (type == null || "RollingUpdate".equals(type)) {
            rollingUpdateDeployment(ApiRules.map(strategy.get("rollingUpdate")), sink);
        }
    }

    /**
     * ValidateRollingUpdateDeployment: maxUnavailable and maxSurge (each 25% when omitted) are non-negative
     * integers or percents, not both zero, and maxUnavailable is at most 100%.
     */
    private static void rollingUpdateDeployment(Map<String, Object> ru, ApiRules.Sink sink) {
        String ptr = "/spec/strategy/rollingUpdate";
        Object unavailable = ru.containsKey("maxUnavailable") ? ru.get("maxUnavailable") : "25%";
        Object surge = ru.containsKey("maxSurge") ? ru.get("maxSurge") : "25%";
        boolean okUnavailable = Amounts.intOrPercent(unavailable, ptr + "/maxUnavailable", true, sink);
        boolean okSurge = Amounts.intOrPercent(surge, ptr + "/maxSurge", false, sink);
        if (okUnavailable && okSurge && Amounts.isZero(unavailable) && Amounts.isZero(surge)) {
            sink.report(Check.API_RULES, ptr + "/maxUnavailable", "maxUnavailable may not be 0 when maxSurge is 0");
        }
    }

    /** ValidateDaemonSetSpec: minReadySeconds, revisionHistoryLimit; ValidateDaemonSetUpdateStrategy. */
    private static void daemonSet(Map<String, Object> spec, KubeVersion version, ApiRules.Sink sink) {
        Amounts.nonNegative(spec.get("minReadySeconds"), "/spec/minReadySeconds", sink);
        Amounts.nonNegative(spec.get("revisionHistoryLimit"), "/spec/revisionHistoryLimit", sink);
        Map<String, Object> strategy = ApiRules.map(spec.get("updateStrategy"));
        Object type = strategy.get("type");
        sink.oneOfDefaulted(type, "/spec/updateStrategy/type", "RollingUpdate", "OnDelete");
        if (type == null || "RollingUpdate".equals(type)) {
            rollingUpdateDaemonSet(ApiRules.map(strategy.get("rollingUpdate")), version, sink);
        }
    }

    /**
     * ValidateRollingUpdateDaemonSet. maxUnavailable defaults to 1 and maxSurge to 0 (SetDefaults_DaemonSet).
     * Before 1.22 (DaemonSetUpdateSurge off by default; the server drops maxSurge) maxUnavailable "cannot be 0";
     * from 1.22 on both are checked, each at most 100%, and exactly one of them must be non-zero.
     */
    private static void rollingUpdateDaemonSet(Map<String, Object> ru, KubeVersion version, ApiRules.Sink sink) {
        String ptr = "/spec/updateStrategy/rollingUpdate";
        Object unavailable = ru.containsKey("maxUnavailable") ? ru.get("maxUnavailable") : 1L;
        boolean okUnavailable = Amounts.intOrPercent(unavailable, ptr + "/maxUnavailable", true, sink);
        if (!version.atLeast(new KubeVersion(1, 22))) {
            if (okUnavailable && Amounts.isZero(unavailable)) {
                sink.report(Check.API_RULES, ptr + "/maxUnavailable", "maxUnavailable cannot be 0");
            }
            return;
        }
        Object surge = ru.containsKey("maxSurge") ? ru.get("maxSurge") : 0L;
        boolean okSurge = Amounts.intOrPercent(surge, ptr + "/maxSurge", true, sink);
        if (!okUnavailable || !okSurge) {
            return;
        }
        boolean hasUnavailable = !Amounts.isZero(unavailable);
        boolean hasSurge = !Amounts.isZero(surge);
        if (hasUnavailable && hasSurge) {
            sink.report(Check.API_RULES, ptr + "/maxSurge", "maxSurge may not be set when maxUnavailable is non-zero"
                    + " (set maxUnavailable to 0 to surge)");
        } else if (!hasUnavailable && !hasSurge) {
            sink.report(Check.API_RULES, ptr + "/maxUnavailable", "maxUnavailable cannot be 0 when maxSurge is 0");
        }
    }

    /**
     * serviceName is a required field of apps/v1 StatefulSetSpec in the published OpenAPI schema before 1.33,
     * which kubectl's client-side validation checks (the only validation {@code kubectl apply --validate=strict}
     * runs against a server without server-side field validation, such as 1.20): "missing required field
     * serviceName". From 1.33 it is optional, and when set ValidateStatefulSetSpec checks it is a DNS-1123 label.
     */
    private static void serviceName(Object name, KubeVersion version, ApiRules.Sink sink) {
        if (!version.atLeast(new KubeVersion(1, 33))) {
            if (name == null) {
                sink.report(Check.SCHEMA, "/spec/serviceName", "required field is missing: serviceName (required in"
                        + " apps/v1 StatefulSetSpec before 1.33)");
            }
        } else if (name instanceof String n && !n.isEmpty()) {
            Names.label(n, "/spec/serviceName", "serviceName", sink);
        }
    }

    /**
     * ValidateStatefulSetSpec: updateStrategy (rollingUpdate only with type RollingUpdate, its partition not
     * negative) and podManagementPolicy; from 1.34 the claim templates as ValidatePersistentVolumeClaimSpec (core
     * validation).
     */
    private static void statefulSet(Map<String, Object> spec, KubeVersion version, ApiRules.Sink sink) {
        serviceName(spec.get("serviceName"), version, sink);
        Map<String, Object> strategy = ApiRules.map(spec.get("updateStrategy"));
        Object type = strategy.get("type");
        sink.oneOfDefaulted(type, "/spec/updateStrategy/type", "RollingUpdate", "OnDelete");
        if ("OnDelete".equals(type) && strategy.get("rollingUpdate") != null) {
            sink.report(Check.API_RULES, "/spec/updateStrategy/rollingUpdate",
                    "rollingUpdate is only allowed for updateStrategy 'RollingUpdate'");
        } else if (type == null || "RollingUpdate".equals(type)) {
            Amounts.nonNegative(ApiRules.map(strategy.get("rollingUpdate")).get("partition"),
                    "/spec/updateStrategy/rollingUpdate/partition", sink);
        }
        sink.oneOfDefaulted(spec.get("podManagementPolicy"), "/spec/podManagementPolicy", "OrderedReady", "Parallel");
        if (version.atLeast(STATEFULSET_POD_SPEC_CHECKED) && spec.get("volumeClaimTemplates") instanceof List<?> vcts) {
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

    /**
     * ValidateControllerRevision: data is mandatory and revision not negative. data is a RawExtension, which
     * kubectl's validation against the published schema takes only as an object.
     */
    static void controllerRevision(Map<String, Object> obj, ApiRules.Sink sink) {
        Object data = obj.get("data");
        if (data == null) {
            sink.report(Check.API_RULES, "/data", "data is mandatory");
        } else if (!(data instanceof Map<?, ?>)) {
            sink.report(Check.SCHEMA, "/data", "must be an object (a RawExtension holding an object)");
        }
        if (obj.get("revision") instanceof Number r && r.longValue() < 0) {
            sink.report(Check.API_RULES, "/revision", "revision " + r + " must be greater than or equal to 0");
        }
    }
}
