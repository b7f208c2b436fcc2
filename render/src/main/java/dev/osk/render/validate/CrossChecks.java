package dev.osk.render.validate;

import dev.osk.render.graph.PodTemplates;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.yaml.YamlMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks across the whole set, which no API server makes: what pods use exists, Services select pods,
 * kubernetes-entrypoint dependencies name objects of the set, and no object is defined twice.
 */
final class CrossChecks {
    interface Sink {
        void report(Manifest m, Check check, String pointer, String message);
    }

    private final List<Manifest> manifests;
    private final Set<String> external;
    private final ChartExternals declared;
    /** The declared externals the set needed, in the order they were first needed. */
    private final Set<String> declaredUsed = new java.util.LinkedHashSet<>();
    private final Sink sink;
    /** kind + "/" + namespace + "/" + name of everything in the set. */
    private final Set<String> present = new HashSet<>();
    /** kind + "/" + name regardless of namespace (kubernetes-entrypoint names carry no namespace). */
    private final Set<String> presentAnyNs = new HashSet<>();
    /** The pod labels of every pod template of the set (DEPENDENCY_POD_JSON carries no namespace either). */
    private final PodLabelIndex allPodLabels = new PodLabelIndex();

    private CrossChecks(List<Manifest> manifests, Set<String> external, ChartExternals declared, Sink sink) {
        this.manifests = manifests;
        this.external = external;
        this.declared = declared;
        this.sink = sink;
    }

    /** Runs the checks; returns a note for each declared external the set needed, in declaration order. */
    static List<String> check(List<Manifest> manifests, Set<String> external, ChartExternals declared, Sink sink) {
        CrossChecks c = new CrossChecks(manifests, external, declared, sink);
        c.run();
        List<String> notes = new java.util.ArrayList<>();
        for (String d : declared.objects()) {
            if (c.declaredUsed.contains(d)) {
                notes.add(declared.note(d));
            }
        }
        return notes;
    }

    /**
     * The parts of {@code obj} these checks read, and that naming it in output reads: apiVersion, kind, name and
     * namespace; a pod template's labels, service account, pull secrets, volumes and its containers' env and
     * envFrom; a Service's selector and type. The parts are the object's own (not copies); the map around them is
     * new. Checking a set of these finds what checking the whole objects finds.
     */
    static Map<String, Object> retained(Map<String, Object> obj) {
        String kind = obj.get("kind") instanceof String k ? k : null;
        Map<String, Object> template = PodTemplates.podSpecOwner(obj, kind);
        Map<String, Object> out = new YamlMap(4);
        copy(obj, out, "apiVersion", "kind");
        Object meta = obj.get("metadata");
        if (meta instanceof Map<?, ?> md) {
            Map<String, Object> m = new YamlMap(2);
            copy(ApiRules.map(md), m, "name", "namespace", template == obj ? "labels" : null);
            out.put("metadata", m);
        } else {
            copy(obj, out, "metadata");
        }
        if (template == obj) {
            // a Pod is its own pod template
            out.put("spec", podSpec(ApiRules.map(obj.get("spec"))));
        } else if (template != null) {
            // the maps on the way to the template, each holding only the next one
            Map<String, Object> at = out;
            for (String segment : podTemplatePointer(kind).substring(1).split("/")) {
                Map<String, Object> next = segment.equals("template") ? template(template) : new YamlMap(1);
                at.put(segment, next);
                at = next;
            }
        } else if ("Service".equals(kind) && obj.get("spec") instanceof Map<?, ?> spec) {
            Map<String, Object> s = new YamlMap(2);
            copy(ApiRules.map(spec), s, "selector", "type");
            out.put("spec", s);
        }
        return out;
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String... keys) {
        for (String k : keys) {
            if (k != null && from.containsKey(k)) {
                to.put(k, from.get(k));
            }
        }
    }

    /** A pod template's labels and spec parts; the template itself when it holds neither. */
    private static Map<String, Object> template(Map<String, Object> template) {
        Map<String, Object> out = new YamlMap(2);
        if (template.get("metadata") instanceof Map<?, ?> md) {
            Map<String, Object> m = new YamlMap(2);
            copy(ApiRules.map(md), m, "labels");
            out.put("metadata", m);
        } else {
            copy(template, out, "metadata");
        }
        if (template.get("spec") instanceof Map<?, ?> spec) {
            out.put("spec", podSpec(ApiRules.map(spec)));
        } else {
            copy(template, out, "spec");
        }
        return out.isEmpty() ? template : out;
    }

    private static Map<String, Object> podSpec(Map<String, Object> spec) {
        Map<String, Object> out = new YamlMap(2);
        copy(spec, out, "serviceAccountName", "serviceAccount", "imagePullSecrets", "volumes");
        for (String field : new String[] {"initContainers", "containers"}) {
            if (spec.get(field) instanceof List<?> cs) {
                List<Object> kept = new java.util.ArrayList<>(cs.size());
                for (Object c : cs) {
                    if (c instanceof Map<?, ?> cm) {
                        Map<String, Object> k = new YamlMap(2);
                        copy(ApiRules.map(cm), k, "env", "envFrom");
                        kept.add(k);
                    } else {
                        kept.add(c);
                    }
                }
                out.put(field, kept);
            } else {
                copy(spec, out, field);
            }
        }
        return out;
    }

    /** Whether {@code kindAndName}, which the set does not hold, exists outside it (--external, or declared). */
    private boolean outside(String kindAndName) {
        if (external.contains(kindAndName)) {
            return true;
        }
        if (declared.declares(kindAndName)) {
            declaredUsed.add(kindAndName);
            return true;
        }
        return false;
    }

    private static String ns(Manifest m) {
        return m.namespace() == null ? "" : m.namespace();
    }

    private void run() {
        Map<String, Manifest> seen = new HashMap<>();
        for (Manifest m : manifests) {
            String group = m.apiVersion() == null ? "" : m.apiVersion().contains("/")
                    ? m.apiVersion().substring(0, m.apiVersion().indexOf('/')) : "";
            String key = group + " " + m.kind() + " " + ns(m) + " " + m.name();
            Manifest first = seen.putIfAbsent(key, m);
            if (first != null) {
                sink.report(m, Check.DUPLICATES, "/metadata/name", "another " + m.kind() + " named '" + m.name()
                        + "' is defined at " + first.templateLocation("/metadata/name"));
            }
            present.add(m.kind() + "/" + ns(m) + "/" + m.name());
            presentAnyNs.add(m.kind() + "/" + m.name());
        }
        Map<String, PodLabelIndex> podLabelsByNs = new HashMap<>();
        for (Manifest m : manifests) {
            Map<String, Object> template = PodTemplates.podSpecOwner(m.object(), m.kind());
            if (template != null) {
                podLabelsByNs.computeIfAbsent(ns(m), k -> new PodLabelIndex()).add(PodTemplates.podLabels(template));
                allPodLabels.add(PodTemplates.podLabels(template));
            }
        }
        PodLabelIndex none = new PodLabelIndex();
        for (Manifest m : manifests) {
            Map<String, Object> template = PodTemplates.podSpecOwner(m.object(), m.kind());
            if (template == null) {
                continue;
            }
            String base = podTemplatePointer(m.kind());
            references(m, ApiRules.map(template.get("spec")), base + "/spec");
            dependencies(m, ApiRules.map(template.get("spec")), base + "/spec");
        }
        for (Manifest m : manifests) {
            if ("Service".equals(m.kind())) {
                serviceSelects(m, podLabelsByNs.getOrDefault(ns(m), none));
            }
        }
    }

    /**
     * The pod labels of one namespace, also by label (key and value as text), so that a Service's selector is
     * matched against the pod templates that carry one of its labels instead of against all of them.
     */
    private static final class PodLabelIndex {
        final List<Map<String, Object>> all = new java.util.ArrayList<>();
        final Map<String, Map<String, List<Map<String, Object>>>> byLabel = new HashMap<>();

        void add(Map<String, Object> labels) {
            all.add(labels);
            for (Map.Entry<String, Object> e : labels.entrySet()) {
                byLabel.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                        .computeIfAbsent(String.valueOf(e.getValue()), v -> new java.util.ArrayList<>()).add(labels);
            }
        }

        /** The pod labels that can match {@code selector}: those with its most selective label, or all. */
        List<Map<String, Object>> candidates(Map<String, Object> selector) {
            List<Map<String, Object>> best = all;
            for (Map.Entry<String, Object> e : selector.entrySet()) {
                String value = String.valueOf(e.getValue());
                if (value.equals("null")) {
                    // a selector value "null" also matches pod labels without the key: no narrowing by it
                    continue;
                }
                Map<String, List<Map<String, Object>>> values = byLabel.get(e.getKey());
                List<Map<String, Object>> with = values == null ? null : values.get(value);
                if (with == null) {
                    return List.of();
                }
                if (with.size() < best.size()) {
                    best = with;
                }
            }
            return best;
        }
    }

    static String podTemplatePointer(String kind) {
        return switch (kind) {
            case "Pod" -> "";
            case "CronJob" -> "/spec/jobTemplate/spec/template";
            default -> "/spec/template";
        };
    }

    private void need(Manifest m, String kind, Object name, String ptr, boolean optional) {
        // a name that cannot be an object's name is the api-rules check's finding, not a missing object
        if (optional || !(name instanceof String n) || n.isEmpty() || !Names.isSubdomain(n)) {
            return;
        }
        if (present.contains(kind + "/" + ns(m) + "/" + n) || outside(kind + "/" + n)) {
            return;
        }
        sink.report(m, Check.REFERENCES, ptr, kind + " '" + n + "' is used but not defined in this set"
                + " (add it, or list it with --external " + kind + "/" + n + ")");
    }

    private static boolean optional(Map<String, Object> ref) {
        return Boolean.TRUE.equals(ref.get("optional"));
    }

    private void references(Manifest m, Map<String, Object> spec, String ptr) {
        Object sa = spec.get("serviceAccountName") != null ? spec.get("serviceAccountName")
                : spec.get("serviceAccount");
        if (sa != null && !"default".equals(sa)) {
            need(m, "ServiceAccount", sa, ptr + (spec.get("serviceAccountName") != null ? "/serviceAccountName"
                    : "/serviceAccount"), false);
        }
        List<Object> pullSecrets = ApiRules.list(spec.get("imagePullSecrets"));
        for (int i = 0; i < pullSecrets.size(); i++) {
            need(m, "Secret", ApiRules.map(pullSecrets.get(i)).get("name"), ptr + "/imagePullSecrets/" + i + "/name",
                    false);
        }
        List<Object> volumes = ApiRules.list(spec.get("volumes"));
        for (int i = 0; i < volumes.size(); i++) {
            Map<String, Object> v = ApiRules.map(volumes.get(i));
            String vp = ptr + "/volumes/" + i;
            Map<String, Object> cm = ApiRules.map(v.get("configMap"));
            need(m, "ConfigMap", cm.get("name"), vp + "/configMap/name", optional(cm));
            Map<String, Object> sec = ApiRules.map(v.get("secret"));
            need(m, "Secret", sec.get("secretName"), vp + "/secret/secretName", optional(sec));
            Map<String, Object> pvc = ApiRules.map(v.get("persistentVolumeClaim"));
            need(m, "PersistentVolumeClaim", pvc.get("claimName"), vp + "/persistentVolumeClaim/claimName", false);
            List<Object> sources = ApiRules.list(ApiRules.map(v.get("projected")).get("sources"));
            for (int j = 0; j < sources.size(); j++) {
                Map<String, Object> s = ApiRules.map(sources.get(j));
                String sp = vp + "/projected/sources/" + j;
                Map<String, Object> pc = ApiRules.map(s.get("configMap"));
                need(m, "ConfigMap", pc.get("name"), sp + "/configMap/name", optional(pc));
                Map<String, Object> ps = ApiRules.map(s.get("secret"));
                need(m, "Secret", ps.get("name"), sp + "/secret/name", optional(ps));
            }
        }
        for (String field : new String[] {"initContainers", "containers"}) {
            List<Object> cs = ApiRules.list(spec.get(field));
            for (int i = 0; i < cs.size(); i++) {
                Map<String, Object> c = ApiRules.map(cs.get(i));
                String cp = ptr + "/" + field + "/" + i;
                List<Object> env = ApiRules.list(c.get("env"));
                for (int j = 0; j < env.size(); j++) {
                    Map<String, Object> from = ApiRules.map(ApiRules.map(env.get(j)).get("valueFrom"));
                    String ep = cp + "/env/" + j + "/valueFrom";
                    Map<String, Object> cmk = ApiRules.map(from.get("configMapKeyRef"));
                    need(m, "ConfigMap", cmk.get("name"), ep + "/configMapKeyRef/name", optional(cmk));
                    Map<String, Object> sk = ApiRules.map(from.get("secretKeyRef"));
                    need(m, "Secret", sk.get("name"), ep + "/secretKeyRef/name", optional(sk));
                }
                List<Object> envFrom = ApiRules.list(c.get("envFrom"));
                for (int j = 0; j < envFrom.size(); j++) {
                    Map<String, Object> ef = ApiRules.map(envFrom.get(j));
                    String ep = cp + "/envFrom/" + j;
                    Map<String, Object> cmr = ApiRules.map(ef.get("configMapRef"));
                    need(m, "ConfigMap", cmr.get("name"), ep + "/configMapRef/name", optional(cmr));
                    Map<String, Object> sr = ApiRules.map(ef.get("secretRef"));
                    need(m, "Secret", sr.get("name"), ep + "/secretRef/name", optional(sr));
                }
            }
        }
    }

    private void dependencies(Manifest m, Map<String, Object> spec, String ptr) {
        List<Object> inits = ApiRules.list(spec.get("initContainers"));
        for (int i = 0; i < inits.size(); i++) {
            List<Object> env = ApiRules.list(ApiRules.map(inits.get(i)).get("env"));
            for (int j = 0; j < env.size(); j++) {
                Map<String, Object> var = ApiRules.map(env.get(j));
                if ("DEPENDENCY_POD_JSON".equals(var.get("name")) && var.get("value") instanceof String json
                        && !json.isBlank()) {
                    podDependencies(m, json, ptr + "/initContainers/" + i + "/env/" + j + "/value");
                    continue;
                }
                String kind = switch (String.valueOf(var.get("name"))) {
                    case "DEPENDENCY_SERVICE" -> "Service";
                    case "DEPENDENCY_JOBS" -> "Job";
                    case "DEPENDENCY_DAEMONSET" -> "DaemonSet";
                    default -> null;
                };
                if (kind == null || !(var.get("value") instanceof String list)) {
                    continue;
                }
                for (String raw : list.split(",")) {
                    String name = raw.trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (name.contains(":")) {
                        name = name.substring(name.indexOf(':') + 1);
                    }
                    if (!presentAnyNs.contains(kind + "/" + name) && !outside(kind + "/" + name)) {
                        sink.report(m, Check.DEPENDENCIES, ptr + "/initContainers/" + i + "/env/" + j + "/value",
                                "waits for " + kind + " '" + name + "', which is not in this set");
                    }
                }
            }
        }
    }

    /** Each entry of a DEPENDENCY_POD_JSON must be readable and select the pods of some pod template of the set. */
    private void podDependencies(Manifest m, String json, String ptr) {
        List<PodTemplates.PodDependency> deps;
        try {
            deps = PodTemplates.podDependencies(json);
        } catch (IllegalArgumentException e) {
            sink.report(m, Check.DEPENDENCIES, ptr, "DEPENDENCY_POD_JSON " + e.getMessage()
                    + "; kubernetes-entrypoint ignores a value it cannot read and waits for nothing");
            return;
        }
        for (PodTemplates.PodDependency d : deps) {
            Map<String, Object> selector = new java.util.LinkedHashMap<>(d.labels());
            if (allPodLabels.candidates(selector).stream().noneMatch(d::matches)
                    && !outside("Pod/" + d.selector())) {
                sink.report(m, Check.DEPENDENCIES, ptr, "waits for pods labelled " + d.selector()
                        + ", which no pod template of this set carries");
            }
        }
    }

    private void serviceSelects(Manifest svc, PodLabelIndex pods) {
        Map<String, Object> spec = ApiRules.map(svc.object().get("spec"));
        Map<String, Object> selector = ApiRules.map(spec.get("selector"));
        if (selector.isEmpty() || "ExternalName".equals(spec.get("type"))) {
            return;
        }
        for (Map<String, Object> labels : pods.candidates(selector)) {
            boolean all = true;
            for (Map.Entry<String, Object> e : selector.entrySet()) {
                if (!String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey())))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
        }
        if (!outside("Service/" + svc.name())) {
            sink.report(svc, Check.SERVICE_SELECTORS, "/spec/selector",
                    "selects no pod template of this set");
        }
    }
}
