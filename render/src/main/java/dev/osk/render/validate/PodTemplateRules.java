package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.Map;
import java.util.Set;

/**
 * The core/v1 kinds that hold a pod template outside the apps group: ReplicationController
 * (ValidateReplicationControllerSpec, ValidatePodTemplateSpecForRC) and PodTemplate (ValidatePodTemplate), in
 * pkg/apis/core/validation/validation.go. SetDefaults_ReplicationController (pkg/apis/core/v1) copies the
 * template's labels into an empty selector before validation.
 */
final class PodTemplateRules {
    private PodTemplateRules() {
    }

    /**
     * ValidateReplicationControllerSpec: replicas and minReadySeconds not negative, a selector (the template's
     * labels when absent) that is not empty and whose labels are valid; ValidatePodTemplateSpecForRC: a template
     * whose labels the selector matches, a valid pod template, restartPolicy Always.
     */
    static void replicationController(Map<String, Object> obj, KubeVersion version, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        Amounts.nonNegative(spec.get("replicas"), "/spec/replicas", sink);
        Amounts.nonNegative(spec.get("minReadySeconds"), "/spec/minReadySeconds", sink);
        Map<String, Object> selector = ApiRules.map(spec.get("selector"));
        if (!(spec.get("template") instanceof Map<?, ?>)) {
            if (selector.isEmpty()) {
                sink.report(Check.API_RULES, "/spec/selector", "a selector is required");
            }
            sink.report(Check.SCHEMA, "/spec/template", "required field is missing: template");
            return;
        }
        Map<String, Object> template = ApiRules.map(spec.get("template"));
        Map<String, Object> tLabels = ApiRules.map(ApiRules.map(template.get("metadata")).get("labels"));
        if (selector.isEmpty()) {
            selector = tLabels;
        }
        if (selector.isEmpty()) {
            sink.report(Check.API_RULES, "/spec/selector", "a selector is required");
        }
        ObjectMetaRules.labels(spec.get("selector"), "/spec/selector", sink);
        for (Map.Entry<String, Object> e : selector.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(tLabels.get(e.getKey())))) {
                sink.report(Check.API_RULES, "/spec/template/metadata/labels",
                        "selector does not match template labels (" + e.getKey() + "=" + e.getValue() + ")");
                break;
            }
        }
        Map<String, Object> podSpec = ApiRules.map(template.get("spec"));
        templateSpec(template, "/spec/template", "ReplicationController", version, sink);
        Object restart = podSpec.get("restartPolicy");
        if ("OnFailure".equals(restart) || "Never".equals(restart)) {
            sink.report(Check.API_RULES, "/spec/template/spec/restartPolicy", "a ReplicationController's pods need"
                    + " restartPolicy Always, not " + restart);
        }
        if (podSpec.get("activeDeadlineSeconds") != null) {
            sink.report(Check.API_RULES, "/spec/template/spec/activeDeadlineSeconds", "activeDeadlineSeconds in"
                    + " a ReplicationController is not supported");
        }
    }

    /** ValidatePodTemplate: the template (ValidatePodTemplateSpec), present or not. */
    static void podTemplate(Map<String, Object> obj, KubeVersion version, ApiRules.Sink sink) {
        templateSpec(ApiRules.map(obj.get("template")), "/template", "PodTemplate", version, sink);
    }

    /** ValidatePodTemplateSpec: the template's labels and annotations, and its pod spec (ValidatePodSpec). */
    private static void templateSpec(Map<String, Object> template, String ptr, String owner, KubeVersion version,
            ApiRules.Sink sink) {
        Map<String, Object> md = ApiRules.map(template.get("metadata"));
        ObjectMetaRules.labels(md.get("labels"), ptr + "/metadata/labels", sink);
        ObjectMetaRules.annotations(md.get("annotations"), ptr + "/metadata/annotations", sink);
        PodRules.podSpec(ApiRules.map(template.get("spec")), ptr + "/spec", owner, Set.of(), version, sink);
    }
}
