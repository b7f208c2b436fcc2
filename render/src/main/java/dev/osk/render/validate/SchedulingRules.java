package dev.osk.render.validate;

import java.util.List;
import java.util.Map;

/**
 * Where a pod may run: its tolerations, node affinity, pod (anti-)affinity and topology spread constraints.
 * ValidateTolerations, validateAffinity, validateTopologySpreadConstraints and the functions they call in
 * pkg/apis/core/validation/validation.go.
 */
final class SchedulingRules {
    private SchedulingRules() {
    }

    /**
     * ValidateTolerations: the key is a qualified name, and without one the operator must be Exists;
     * tolerationSeconds only with effect NoExecute; operator Equal (the default) with a label value, or Exists
     * without a value; the effect, when given, NoSchedule, PreferNoSchedule or NoExecute (validateTaintEffect).
     */
    static void tolerations(Object raw, String ptr, ApiRules.Sink sink) {
        List<Object> tolerations = ApiRules.list(raw);
        for (int i = 0; i < tolerations.size(); i++) {
            Map<String, Object> t = ApiRules.map(tolerations.get(i));
            String p = ptr + "/" + i;
            Object key = t.get("key");
            Object op = t.get("operator");
            Object value = t.get("value");
            Object effect = t.get("effect");
            if (key != null && !"".equals(key)) {
                ObjectMetaRules.qualifiedKey(String.valueOf(key), p + "/key", "toleration key", sink);
            } else if (!"Exists".equals(op)) {
                sink.report(Check.API_RULES, p + "/operator", "operator must be Exists when `key` is empty, which"
                        + " means \"match all values and all keys\"");
            }
            if (t.get("tolerationSeconds") != null && !"NoExecute".equals(effect)) {
                sink.report(Check.API_RULES, p + "/effect", "effect must be 'NoExecute' when `tolerationSeconds` is set"
                        + (effect == null ? "" : ", not '" + effect + "'"));
            }
            if (op == null || "".equals(op) || "Equal".equals(op)) {
                if (value instanceof String v && (v.length() > 63 || !Names.LABEL_VALUE.matcher(v).matches())) {
                    sink.report(Check.API_RULES, p + "/value", "value '" + v + "' must be a label value: at most 63"
                            + " characters of letters, digits, '-', '_' and '.', starting and ending with a letter or"
                            + " digit");
                }
            } else if ("Exists".equals(op)) {
                if (value != null && !"".equals(value)) {
                    sink.report(Check.API_RULES, p + "/operator", "value must be empty when `operator` is 'Exists'"
                            + " (value is '" + value + "')");
                }
            } else {
                sink.oneOf(op, p + "/operator", "Equal", "Exists");
            }
            if (effect != null && !"".equals(effect)) {
                sink.oneOf(effect, p + "/effect", "NoSchedule", "PreferNoSchedule", "NoExecute");
            }
        }
    }

    /** validateAffinity: validateNodeAffinity, validatePodAffinity, validatePodAntiAffinity. */
    static void affinity(Object raw, String ptr, ApiRules.Sink sink) {
        if (!(raw instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> a = ApiRules.map(raw);
        if (a.get("nodeAffinity") instanceof Map<?, ?>) {
            Map<String, Object> na = ApiRules.map(a.get("nodeAffinity"));
            String p = ptr + "/nodeAffinity";
            if (na.get("requiredDuringSchedulingIgnoredDuringExecution") instanceof Map<?, ?>) {
                nodeSelector(ApiRules.map(na.get("requiredDuringSchedulingIgnoredDuringExecution")),
                        p + "/requiredDuringSchedulingIgnoredDuringExecution", sink);
            }
            // ValidatePreferredSchedulingTerms
            List<Object> preferred = ApiRules.list(na.get("preferredDuringSchedulingIgnoredDuringExecution"));
            for (int i = 0; i < preferred.size(); i++) {
                Map<String, Object> term = ApiRules.map(preferred.get(i));
                String tp = p + "/preferredDuringSchedulingIgnoredDuringExecution/" + i;
                weight(term.get("weight"), tp + "/weight", sink);
                nodeSelectorTerm(ApiRules.map(term.get("preference")), tp + "/preference", sink);
            }
        }
        for (String kind : new String[] {"podAffinity", "podAntiAffinity"}) {
            if (!(a.get(kind) instanceof Map<?, ?>)) {
                continue;
            }
            Map<String, Object> pa = ApiRules.map(a.get(kind));
            String p = ptr + "/" + kind;
            // validatePodAffinityTerms
            List<Object> required = ApiRules.list(pa.get("requiredDuringSchedulingIgnoredDuringExecution"));
            for (int i = 0; i < required.size(); i++) {
                podAffinityTerm(ApiRules.map(required.get(i)), p + "/requiredDuringSchedulingIgnoredDuringExecution/"
                        + i, sink);
            }
            // validateWeightedPodAffinityTerms
            List<Object> preferred = ApiRules.list(pa.get("preferredDuringSchedulingIgnoredDuringExecution"));
            for (int i = 0; i < preferred.size(); i++) {
                Map<String, Object> term = ApiRules.map(preferred.get(i));
                String tp = p + "/preferredDuringSchedulingIgnoredDuringExecution/" + i;
                weight(term.get("weight"), tp + "/weight", sink);
                podAffinityTerm(ApiRules.map(term.get("podAffinityTerm")), tp + "/podAffinityTerm", sink);
            }
        }
    }

    /** The weight of a preferred term (ValidatePreferredSchedulingTerms, validateWeightedPodAffinityTerms). */
    private static void weight(Object w, String ptr, ApiRules.Sink sink) {
        if (w == null) {
            sink.report(Check.SCHEMA, ptr, "required field is missing: weight");
        } else if (w instanceof Long n && (n < 1 || n > 100)) {
            sink.report(Check.API_RULES, ptr, "weight " + n + " must be in the range 1-100");
        }
    }

    /** ValidateNodeSelector: at least one term, each valid. */
    static void nodeSelector(Map<String, Object> ns, String ptr, ApiRules.Sink sink) {
        Object terms = ns.get("nodeSelectorTerms");
        if (terms == null) {
            sink.report(Check.SCHEMA, ptr + "/nodeSelectorTerms", "required field is missing: nodeSelectorTerms");
            return;
        }
        List<Object> list = ApiRules.list(terms);
        if (list.isEmpty() && terms instanceof List<?>) {
            sink.report(Check.API_RULES, ptr + "/nodeSelectorTerms", "must have at least one node selector term");
        }
        for (int i = 0; i < list.size(); i++) {
            nodeSelectorTerm(ApiRules.map(list.get(i)), ptr + "/nodeSelectorTerms/" + i, sink);
        }
    }

    /** ValidateNodeSelectorTerm: its matchExpressions and matchFields. */
    private static void nodeSelectorTerm(Map<String, Object> term, String ptr, ApiRules.Sink sink) {
        List<Object> exprs = ApiRules.list(term.get("matchExpressions"));
        for (int i = 0; i < exprs.size(); i++) {
            nodeSelectorRequirement(ApiRules.map(exprs.get(i)), ptr + "/matchExpressions/" + i, sink);
        }
        List<Object> fields = ApiRules.list(term.get("matchFields"));
        for (int i = 0; i < fields.size(); i++) {
            nodeFieldSelectorRequirement(ApiRules.map(fields.get(i)), ptr + "/matchFields/" + i, sink);
        }
    }

    /**
     * ValidateNodeSelectorRequirement: In and NotIn need values, Exists and DoesNotExist take none, Gt and Lt
     * take exactly one (the server does not check that it is an integer), no other operator; the key is a
     * qualified name.
     */
    private static void nodeSelectorRequirement(Map<String, Object> r, String ptr, ApiRules.Sink sink) {
        Object op = r.get("operator");
        int values = ApiRules.list(r.get("values")).size();
        if (op == null) {
            sink.report(Check.SCHEMA, ptr + "/operator", "required field is missing: operator");
        } else if (op.equals("In") || op.equals("NotIn")) {
            if (values == 0) {
                sink.report(Check.API_RULES, ptr + "/values", "must be specified when `operator` is 'In' or 'NotIn'");
            }
        } else if (op.equals("Exists") || op.equals("DoesNotExist")) {
            if (values > 0) {
                sink.report(Check.API_RULES, ptr + "/values",
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
            }
        } else if (op.equals("Gt") || op.equals("Lt")) {
            if (values != 1) {
                sink.report(Check.API_RULES, ptr + "/values", "must be specified single value when `operator` is 'Lt'"
                        + " or 'Gt' (has " + values + ")");
            }
        } else {
            sink.report(Check.API_RULES, ptr + "/operator", "'" + op + "' is not a valid selector operator"
                    + " (In, NotIn, Exists, DoesNotExist, Gt, Lt)");
        }
        LabelSelectors.key(r.get("key"), ptr + "/key", sink);
    }

    /** ValidateNodeFieldSelectorRequirement: only metadata.name, with In or NotIn and exactly one value. */
    private static void nodeFieldSelectorRequirement(Map<String, Object> r, String ptr, ApiRules.Sink sink) {
        Object op = r.get("operator");
        if (op == null) {
            sink.report(Check.SCHEMA, ptr + "/operator", "required field is missing: operator");
        } else if (op.equals("In") || op.equals("NotIn")) {
            if (ApiRules.list(r.get("values")).size() != 1) {
                sink.report(Check.API_RULES, ptr + "/values",
                        "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
            }
        } else {
            sink.report(Check.API_RULES, ptr + "/operator", "'" + op + "' is not a valid operator for a node field"
                    + " selector (In, NotIn)");
        }
        if (r.get("key") == null) {
            sink.report(Check.SCHEMA, ptr + "/key", "required field is missing: key");
        } else if (!"metadata.name".equals(r.get("key"))) {
            sink.report(Check.API_RULES, ptr + "/key", "'" + r.get("key") + "' is not a valid field selector key"
                    + " (metadata.name)");
        }
    }

    /**
     * validatePodAffinityTerm: the label selector (and, where the version has them, the namespace selector),
     * namespaces are DNS-1123 labels, topologyKey is a non-empty qualified name.
     */
    private static void podAffinityTerm(Map<String, Object> term, String ptr, ApiRules.Sink sink) {
        LabelSelectors.selector(term.get("labelSelector"), ptr + "/labelSelector", sink);
        LabelSelectors.selector(term.get("namespaceSelector"), ptr + "/namespaceSelector", sink);
        List<Object> namespaces = ApiRules.list(term.get("namespaces"));
        for (int i = 0; i < namespaces.size(); i++) {
            Names.label(String.valueOf(namespaces.get(i)), ptr + "/namespaces/" + i, "namespace", sink);
        }
        Object key = term.get("topologyKey");
        if (key == null) {
            sink.report(Check.SCHEMA, ptr + "/topologyKey", "required field is missing: topologyKey");
        } else if ("".equals(key)) {
            sink.report(Check.API_RULES, ptr + "/topologyKey", "topologyKey can not be empty");
        } else {
            ObjectMetaRules.qualifiedKey(String.valueOf(key), ptr + "/topologyKey", "topologyKey", sink);
        }
    }

    /**
     * validateTopologySpreadConstraints: maxSkew positive (ValidateMaxSkew), topologyKey not empty
     * (ValidateTopologyKey), whenUnsatisfiable DoNotSchedule or ScheduleAnyway, and no two constraints with the
     * same topologyKey and whenUnsatisfiable (ValidateSpreadConstraintNotRepeat, reported on the first).
     */
    static void topologySpreadConstraints(Object raw, String ptr, ApiRules.Sink sink) {
        List<Object> constraints = ApiRules.list(raw);
        for (int i = 0; i < constraints.size(); i++) {
            Map<String, Object> c = ApiRules.map(constraints.get(i));
            String p = ptr + "/" + i;
            Object skew = c.get("maxSkew");
            if (skew == null) {
                sink.report(Check.SCHEMA, p + "/maxSkew", "required field is missing: maxSkew");
            } else if (skew instanceof Long n && n <= 0) {
                sink.report(Check.API_RULES, p + "/maxSkew", "maxSkew " + n + " must be greater than zero");
            }
            Object key = c.get("topologyKey");
            if (key == null) {
                sink.report(Check.SCHEMA, p + "/topologyKey", "required field is missing: topologyKey");
            } else if ("".equals(key)) {
                sink.report(Check.API_RULES, p + "/topologyKey", "topologyKey can not be empty");
            }
            Object when = c.get("whenUnsatisfiable");
            if (when == null) {
                sink.report(Check.SCHEMA, p + "/whenUnsatisfiable", "required field is missing: whenUnsatisfiable");
            } else {
                sink.oneOf(when, p + "/whenUnsatisfiable", "DoNotSchedule", "ScheduleAnyway");
            }
            for (int j = i + 1; j < constraints.size(); j++) {
                Map<String, Object> later = ApiRules.map(constraints.get(j));
                if (key != null && when != null && key.equals(later.get("topologyKey"))
                        && when.equals(later.get("whenUnsatisfiable"))) {
                    sink.report(Check.API_RULES, p, "duplicate spread constraint {" + key + ", " + when
                            + "}: constraint " + j + " has the same topologyKey and whenUnsatisfiable");
                    break;
                }
            }
        }
    }
}
