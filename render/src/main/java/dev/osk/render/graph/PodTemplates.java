package dev.osk.render.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finding the pod template of a workload object and reading its init containers' environment. */
public final class PodTemplates {
    private PodTemplates() {
    }

    /** The pod template ({@code metadata} + {@code spec}) of a workload, or null when the kind has none. */
    public static Map<String, Object> podSpecOwner(Map<String, Object> obj, String kind) {
        if (kind == null) {
            return null;
        }
        Map<String, Object> spec = map(obj.get("spec"));
        switch (kind) {
            case "Pod":
                return obj;
            case "Deployment":
            case "StatefulSet":
            case "DaemonSet":
            case "ReplicaSet":
            case "Job":
                return nullIfEmpty(map(spec.get("template")));
            case "CronJob":
                return nullIfEmpty(map(map(map(spec.get("jobTemplate")).get("spec")).get("template")));
            default:
                return null;
        }
    }

    public static Map<String, Object> podLabels(Map<String, Object> template) {
        return map(map(template.get("metadata")).get("labels"));
    }

    /** Environment variables (plain values only) of all init containers, later ones winning. */
    public static Map<String, String> initEnv(Map<String, Object> template) {
        Map<String, String> out = new LinkedHashMap<>();
        Object inits = map(template.get("spec")).get("initContainers");
        if (!(inits instanceof List<?> list)) {
            return out;
        }
        for (Object c : list) {
            Object env = map(c).get("env");
            if (env instanceof List<?> vars) {
                for (Object v : vars) {
                    Map<String, Object> var = map(v);
                    if (var.get("name") != null && var.get("value") != null) {
                        out.put(String.valueOf(var.get("name")), String.valueOf(var.get("value")));
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : new LinkedHashMap<>();
    }

    private static Map<String, Object> nullIfEmpty(Map<String, Object> m) {
        return m.isEmpty() ? null : m;
    }
}
