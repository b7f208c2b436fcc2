package dev.osk.render.validate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classes pods name to be scheduled and run: scheduling.k8s.io/v1 PriorityClass (ValidatePriorityClass in
 * pkg/apis/scheduling/validation/validation.go) and node.k8s.io/v1 RuntimeClass (ValidateRuntimeClass in
 * pkg/apis/node/validation/validation.go).
 */
final class SchedulingClassRules {
    /** HighestUserDefinablePriority (pkg/apis/scheduling/types.go). */
    private static final long HIGHEST_USER_PRIORITY = 1_000_000_000L;
    /** The system priority classes (pkg/apis/scheduling: SystemPriorityClasses). */
    private static final Set<String> SYSTEM_CLASSES = Set.of("system-cluster-critical", "system-node-critical");

    private SchedulingClassRules() {
    }

    /**
     * ValidatePriorityClass: a name with the "system-" prefix only for the system classes, a value above
     * HighestUserDefinablePriority only for them; validatePreemptionPolicy: PreemptLowerPriority or Never (an
     * absent one is defaulted by SetDefaults_PriorityClass, "" is refused).
     */
    static void priorityClass(Map<String, Object> obj, ApiRules.Sink sink) {
        Object name = ApiRules.map(obj.get("metadata")).get("name");
        boolean system = name instanceof String n && SYSTEM_CLASSES.contains(n);
        if (name instanceof String n && n.startsWith("system-") && !system) {
            sink.report(Check.API_RULES, "/metadata/name", "priority class names with the 'system-' prefix are"
                    + " reserved");
        }
        if (!system && obj.get("value") instanceof Long v && v > HIGHEST_USER_PRIORITY) {
            sink.report(Check.API_RULES, "/value", "maximum allowed value of a user defined priority is "
                    + HIGHEST_USER_PRIORITY + ", not " + v);
        }
        if ("".equals(obj.get("preemptionPolicy"))) {
            sink.report(Check.API_RULES, "/preemptionPolicy", "preemptionPolicy must not be empty");
        } else {
            sink.oneOf(obj.get("preemptionPolicy"), "/preemptionPolicy", "PreemptLowerPriority", "Never");
        }
    }

    /**
     * ValidateRuntimeClass: the handler a DNS-1123 label; validateOverhead (podFixed checked as a container's
     * resource limits, ValidateResourceRequirements); validateScheduling: nodeSelector as labels, tolerations
     * valid (ValidateTolerations) and none given twice.
     */
    static void runtimeClass(Map<String, Object> obj, ApiRules.Sink sink) {
        if (obj.get("handler") instanceof String h) {
            Names.label(h, "/handler", "handler", sink);
        }
        if (obj.get("overhead") instanceof Map<?, ?> overhead && overhead.get("podFixed") instanceof Map<?, ?> fixed) {
            Map<String, Object> asLimits = new LinkedHashMap<>();
            asLimits.put("limits", fixed);
            ApiRules.Sink renamed = (check, ptr, message) -> sink.report(check,
                    ptr.replaceFirst("^/overhead/limits", "/overhead/podFixed"), message);
            ResourceRules.requirements(asLimits, "/overhead", renamed);
        }
        Map<String, Object> scheduling = ApiRules.map(obj.get("scheduling"));
        ObjectMetaRules.labels(scheduling.get("nodeSelector"), "/scheduling/nodeSelector", sink);
        SchedulingRules.tolerations(scheduling.get("tolerations"), "/scheduling/tolerations", sink);
        List<Object> tolerations = ApiRules.list(scheduling.get("tolerations"));
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < tolerations.size(); i++) {
            if (!seen.add(tolerations.get(i))) {
                sink.report(Check.API_RULES, "/scheduling/tolerations/" + i, "duplicate toleration");
            }
        }
    }
}
