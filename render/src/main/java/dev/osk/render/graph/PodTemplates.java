package dev.osk.render.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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

    /** One entry of kubernetes-entrypoint's {@code DEPENDENCY_POD_JSON}: pods with these labels, Ready. */
    public record PodDependency(Map<String, String> labels, String namespace, boolean requireSameNode) {
        /** The labels as a selector, {@code k=v,k=v}. */
        public String selector() {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(e.getKey()).append('=').append(e.getValue());
            }
            return sb.toString();
        }

        /** True when a pod template with these labels is one this dependency waits for. */
        public boolean matches(Map<String, Object> podLabels) {
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!e.getValue().equals(String.valueOf(podLabels.get(e.getKey())))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The entries of a {@code DEPENDENCY_POD_JSON} value, read as kubernetes-entrypoint reads them
     * ({@code util/env/env.go}: a JSON list of {@code {"labels": {...}, "namespace": ..., "requireSameNode": ...}}).
     * kubernetes-entrypoint ignores a value it cannot read, and then waits for nothing: here that is an
     * {@link IllegalArgumentException} saying what is wrong, as is an entry without labels (it would select every
     * pod of the namespace).
     */
    public static List<PodDependency> podDependencies(String json) {
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not JSON");
        }
        if (!(parsed instanceof List<?> list)) {
            throw new IllegalArgumentException("is not a JSON list of {\"labels\": {...}, \"requireSameNode\": ...}");
        }
        List<PodDependency> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException("entry " + i + " is not an object");
            }
            for (Object key : entry.keySet()) {
                if (!List.of("labels", "namespace", "requireSameNode").contains(String.valueOf(key))) {
                    throw new IllegalArgumentException("entry " + i + " has the unknown field '" + key
                            + "' (kubernetes-entrypoint reads labels, namespace and requireSameNode)");
                }
            }
            if (!(entry.get("labels") instanceof Map<?, ?> labels) || labels.isEmpty()) {
                throw new IllegalArgumentException("entry " + i + " has no labels");
            }
            Map<String, String> ls = new LinkedHashMap<>();
            for (Map.Entry<?, ?> l : labels.entrySet()) {
                if (!(l.getValue() instanceof String v)) {
                    throw new IllegalArgumentException("entry " + i + ": label '" + l.getKey() + "' is not a string");
                }
                ls.put(String.valueOf(l.getKey()), v);
            }
            Object same = entry.get("requireSameNode");
            if (same != null && !(same instanceof Boolean)) {
                throw new IllegalArgumentException("entry " + i + ": requireSameNode is not true or false");
            }
            Object ns = entry.get("namespace");
            if (ns != null && !(ns instanceof String)) {
                throw new IllegalArgumentException("entry " + i + ": namespace is not a string");
            }
            out.add(new PodDependency(ls, (String) ns, Boolean.TRUE.equals(same)));
        }
        return out;
    }
}
