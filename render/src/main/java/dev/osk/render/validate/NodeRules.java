package dev.osk.render.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * v1 Node: the spec checks of ValidateNode in pkg/apis/core/validation/validation.go (its pod CIDR and
 * validateNodeTaints), as kube-apiserver 1.20.2 applies them.
 */
final class NodeRules {
    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private NodeRules() {
    }

    /** ValidateNode: spec.podCIDRs (podCIDR first), spec.taints. */
    static void node(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        podCidrs(spec, sink);
        taints(ApiRules.list(spec.get("taints")), "/spec/taints", sink);
    }

    /**
     * The pod CIDR ValidateNode checks: the first of the internal podCIDRs must be a valid CIDR. With the
     * IPv6DualStack gate off (1.20's default) nothing else of the list is checked, and a given v1 podCIDR
     * becomes the whole internal list, so spec.podCIDRs is then not looked at.
     */
    private static void podCidrs(Map<String, Object> spec, ApiRules.Sink sink) {
        List<Object> listed = ApiRules.list(spec.get("podCIDRs"));
        String first;
        String ptr;
        if (spec.get("podCIDR") instanceof String c && !c.isEmpty()) {
            first = c;
            ptr = "/spec/podCIDR";
        } else if (!listed.isEmpty()) {
            first = String.valueOf(listed.get(0));
            ptr = "/spec/podCIDRs/0";
        } else {
            return;
        }
        if (IpAddresses.cidr(first) == null) {
            sink.report(Check.API_RULES, ptr, "'" + first + "' is not a valid CIDR");
        }
    }

    /**
     * validateNodeTaints: each taint's key a qualified name, its value a label value, its effect required and
     * one of NoSchedule, PreferNoSchedule, NoExecute; no two taints with the same key and effect.
     */
    static void taints(List<Object> taints, String ptr, ApiRules.Sink sink) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            Map<String, Object> t = ApiRules.map(taints.get(i));
            String p = ptr + "/" + i;
            Object key = t.get("key");
            ObjectMetaRules.qualifiedKey(key == null ? "" : String.valueOf(key), p + "/key", "taint key", sink);
            if (t.get("value") instanceof String v && (v.length() > 63 || !Names.LABEL_VALUE.matcher(v).matches())) {
                sink.report(Check.API_RULES, p + "/value", "taint value '" + v + "' must be at most 63 characters of"
                        + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
            }
            Object effect = t.get("effect");
            if (effect == null || "".equals(effect)) {
                sink.report(Check.API_RULES, p + "/effect", "a taint's effect is required");
            } else {
                sink.oneOf(effect, p + "/effect", EFFECTS.toArray(String[]::new));
            }
            if (!seen.add(key + "\u0000" + effect)) {
                sink.report(Check.API_RULES, p, "taints must be unique by key and effect: '" + key + ":" + effect
                        + "' is given twice");
            }
        }
    }
}
