package dev.osk.render.validate;

import java.util.Map;

/**
 * autoscaling HorizontalPodAutoscaler: ValidateHorizontalPodAutoscalerSpec and ValidateCrossVersionObjectReference
 * in pkg/apis/autoscaling/validation/validation.go. An autoscaling/v1 object is converted to the internal version
 * first, so its targetCPUUtilizationPercentage is checked as a resource metric's averageUtilization.
 */
final class AutoscalingRules {
    private AutoscalingRules() {
    }

    /**
     * ValidateHorizontalPodAutoscalerSpec: minReplicas at least 1 (1 when absent; 0 only with the HPAScaleToZero
     * feature gate, alpha and off by default), maxReplicas greater than 0 and not below minReplicas,
     * scaleTargetRef's kind and name required path segment names; the v1 CPU target greater than 0.
     */
    static void horizontalPodAutoscaler(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        long min = 1;
        if (spec.get("minReplicas") instanceof Long m) {
            min = m;
            if (m < 1) {
                sink.report(Check.API_RULES, "/spec/minReplicas", "minReplicas " + m + " must be at least 1");
            }
        }
        Object max = spec.get("maxReplicas");
        if (max == null && !obj.containsKey("spec")) {
            sink.report(Check.SCHEMA, "/spec", "required field is missing: spec (with maxReplicas and scaleTargetRef)");
        } else if (max instanceof Long m && m < 1) {
            sink.report(Check.API_RULES, "/spec/maxReplicas", "maxReplicas " + m + " must be greater than 0");
        } else if (max instanceof Long m && m < min) {
            sink.report(Check.API_RULES, "/spec/maxReplicas", "maxReplicas " + m + " must not be below minReplicas "
                    + min);
        }
        Map<String, Object> ref = ApiRules.map(spec.get("scaleTargetRef"));
        for (String field : new String[] {"kind", "name"}) {
            Object v = ref.get(field);
            String p = "/spec/scaleTargetRef/" + field;
            if ("".equals(v)) {
                sink.report(Check.API_RULES, p, field + " is required");
            } else if (v instanceof String s) {
                Names.pathSegment(s, p, field, sink);
            }
        }
        if (spec.get("targetCPUUtilizationPercentage") instanceof Long t && t < 1) {
            sink.report(Check.API_RULES, "/spec/targetCPUUtilizationPercentage", "the CPU target " + t
                    + " must be greater than 0");
        }
    }
}
