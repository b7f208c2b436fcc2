package dev.osk.render.validate;

import java.util.List;
import java.util.Map;

/**
 * Label selectors (workload and PodDisruptionBudget selectors, pod affinity terms, NetworkPolicy pod and
 * namespace selectors): ValidateLabelSelector and ValidateLabelSelectorRequirement in
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go.
 */
final class LabelSelectors {
    private LabelSelectors() {
    }

    /** ValidateLabelSelector: matchLabels are labels, each of matchExpressions a valid requirement. */
    static void selector(Object raw, String ptr, ApiRules.Sink sink) {
        if (!(raw instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> s = ApiRules.map(raw);
        ObjectMetaRules.labels(s.get("matchLabels"), ptr + "/matchLabels", sink);
        List<Object> exprs = ApiRules.list(s.get("matchExpressions"));
        for (int i = 0; i < exprs.size(); i++) {
            requirement(ApiRules.map(exprs.get(i)), ptr + "/matchExpressions/" + i, sink);
        }
    }

    /**
     * ValidateLabelSelectorRequirement: In and NotIn need values, Exists and DoesNotExist take none, no other
     * operator; the key is a qualified name. Returns whether the requirement is valid.
     */
    static boolean requirement(Map<String, Object> r, String ptr, ApiRules.Sink sink) {
        Object op = r.get("operator");
        int values = ApiRules.list(r.get("values")).size();
        boolean ok = true;
        if (op == null) {
            sink.report(Check.SCHEMA, ptr + "/operator", "required field is missing: operator");
            ok = false;
        } else if (op.equals("In") || op.equals("NotIn")) {
            if (values == 0) {
                sink.report(Check.API_RULES, ptr + "/values", "must be specified when `operator` is 'In' or 'NotIn'");
                ok = false;
            }
        } else if (op.equals("Exists") || op.equals("DoesNotExist")) {
            if (values > 0) {
                sink.report(Check.API_RULES, ptr + "/values",
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                ok = false;
            }
        } else {
            sink.report(Check.API_RULES, ptr + "/operator", "'" + op + "' is not a valid selector operator"
                    + " (In, NotIn, Exists, DoesNotExist)");
            ok = false;
        }
        return key(r.get("key"), ptr + "/key", sink) && ok;
    }

    /** ValidateLabelName on a requirement's key: required, a qualified name. */
    static boolean key(Object key, String ptr, ApiRules.Sink sink) {
        if (key == null) {
            sink.report(Check.SCHEMA, ptr, "required field is missing: key");
            return false;
        }
        return ObjectMetaRules.qualifiedKey(String.valueOf(key), ptr, "key", sink);
    }

    /**
     * LabelSelectorAsSelector(...).Matches: whether labels satisfy the selector's matchLabels and its
     * matchExpressions; null when a requirement is malformed (that is reported by {@link #selector}), as the
     * server then cannot build the selector.
     */
    static Boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
        for (Map.Entry<String, Object> e : ApiRules.map(selector.get("matchLabels")).entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey())))) {
                return false;
            }
        }
        boolean all = true;
        for (Object o : ApiRules.list(selector.get("matchExpressions"))) {
            Map<String, Object> r = ApiRules.map(o);
            List<String> values = ApiRules.list(r.get("values")).stream().map(String::valueOf).toList();
            Object key = r.get("key");
            boolean has = key != null && labels.containsKey(String.valueOf(key));
            String value = has ? String.valueOf(labels.get(String.valueOf(key))) : null;
            Object op = r.get("operator");
            if (key == null || op == null) {
                return null;
            }
            switch (String.valueOf(op)) {
                case "In" -> {
                    if (values.isEmpty()) {
                        return null;
                    }
                    all &= has && values.contains(value);
                }
                case "NotIn" -> {
                    if (values.isEmpty()) {
                        return null;
                    }
                    all &= !has || !values.contains(value);
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        return null;
                    }
                    all &= op.equals("Exists") == has;
                }
                default -> {
                    return null;
                }
            }
        }
        return all;
    }
}
