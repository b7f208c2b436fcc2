package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API server rejects beyond field types, for one object: required fields, names and labels, enums,
 * ports, quantities, selectors against template labels, container and volume consistency. Each rule follows
 * the API server's validation (pkg/apis/core/validation and friends, as documented in the Kubernetes API
 * reference and https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ and
 * .../labels/).
 */
final class ApiRules {
    static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    static final Pattern C_IDENTIFIER_ENV = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");
    private static final Set<String> RBAC_KINDS = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    interface Sink {
        void report(Check check, String pointer, String message);
    }

    private final Map<String, Object> obj;
    private final String kind;
    private final KubeVersion version;
    private final Sink sink;

    private ApiRules(Map<String, Object> obj, KubeVersion version, Sink sink) {
        this.obj = obj;
        this.kind = String.valueOf(obj.get("kind"));
        this.version = version;
        this.sink = sink;
    }

    static void check(Map<String, Object> obj, KubeVersion version, Sink sink) {
        new ApiRules(obj, version, sink).run();
    }

    private void run() {
        metadata();
        switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> workload();
            case "Job" -> job(map(obj.get("spec")), "/spec");
            case "CronJob" -> cronJob();
            case "Pod" -> podSpec(map(obj.get("spec")), "/spec", "Pod", Set.of());
            case "Service" -> service();
            case "PersistentVolumeClaim" -> pvcSpec(map(obj.get("spec")), "/spec");
            case "RoleBinding", "ClusterRoleBinding" -> binding();
            case "Role", "ClusterRole" -> rules();
            case "ConfigMap" -> configKeys("data", false);
            case "Secret" -> {
                configKeys("data", true);
                configKeys("stringData", false);
            }
            case "PodDisruptionBudget" -> pdb();
            case "Ingress" -> ingress();
            default -> {
            }
        }
    }

    // ---- metadata

    private void metadata() {
        Map<String, Object> md = map(obj.get("metadata"));
        Object name = md.get("name");
        if (name == null || "".equals(name)) {
            if (md.get("generateName") == null) {
                sink.report(Check.SCHEMA, "/metadata/name", "required field is missing: name or generateName");
            }
        } else if (name instanceof String n) {
            objectName(n, "/metadata/name");
        }
        if (md.get("namespace") instanceof String ns) {
            label(ns, "/metadata/namespace", "namespace");
        }
        labels(md.get("labels"), "/metadata/labels");
        annotations(md.get("annotations"), "/metadata/annotations");
    }

    private void objectName(String n, String ptr) {
        if (RBAC_KINDS.contains(kind)) {
            if (n.equals(".") || n.equals("..") || n.contains("/") || n.contains("%")) {
                sink.report(Check.API_RULES, ptr, "name '" + n + "' may not be '.', '..' or contain '/' or '%'");
            }
        } else if (kind.equals("Service")) {
            if (n.length() > 63 || !DNS1035_LABEL.matcher(n).matches()) {
                sink.report(Check.API_RULES, ptr, "name '" + n + "' must be a DNS-1035 label (lower-case letters,"
                        + " digits and '-', starting with a letter, at most 63 characters)");
            }
        } else if (kind.equals("Namespace")) {
            label(n, ptr, "name");
        } else if (n.length() > 253 || !DNS1123_SUBDOMAIN.matcher(n).matches()) {
            sink.report(Check.API_RULES, ptr, "name '" + n + "' must be a DNS-1123 subdomain (lower-case letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)");
        }
    }

    private void label(String n, String ptr, String what) {
        if (n.length() > 63 || !DNS1123_LABEL.matcher(n).matches()) {
            sink.report(Check.API_RULES, ptr, what + " '" + n + "' must be a DNS-1123 label (lower-case letters,"
                    + " digits and '-', starting and ending with a letter or digit, at most 63 characters)");
        }
    }

    private void labels(Object raw, String ptr) {
        if (!(raw instanceof Map<?, ?> m)) {
            return;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            String p = ptr + "/" + key.replace("~", "~0").replace("/", "~1");
            qualifiedKey(key, p, "label key");
            if (e.getValue() instanceof String v && (v.length() > 63 || !LABEL_VALUE.matcher(v).matches())) {
                sink.report(Check.API_RULES, p, "label value '" + v + "' must be at most 63 characters of letters,"
                        + " digits, '-', '_' and '.', starting and ending with a letter or digit");
            }
        }
    }

    private void annotations(Object raw, String ptr) {
        if (!(raw instanceof Map<?, ?> m)) {
            return;
        }
        long size = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            qualifiedKey(key, ptr + "/" + key.replace("~", "~0").replace("/", "~1"), "annotation key");
            size += key.length() + String.valueOf(e.getValue()).length();
        }
        if (size > 256 * 1024) {
            sink.report(Check.API_RULES, ptr, "annotations total " + size + " bytes, more than the 262144 allowed");
        }
    }

    private void qualifiedKey(String key, String ptr, String what) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                sink.report(Check.API_RULES, ptr, what + " '" + key + "': prefix must be a DNS-1123 subdomain");
                return;
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
            sink.report(Check.API_RULES, ptr, what + " '" + key + "': name part must be at most 63 characters of"
                    + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
    }

    // ---- workloads

    private void workload() {
        Map<String, Object> spec = map(obj.get("spec"));
        if (!obj.containsKey("spec")) {
            sink.report(Check.SCHEMA, "/spec", "required field is missing: spec");
            return;
        }
        Map<String, Object> selector = map(spec.get("selector"));
        if (spec.get("selector") == null) {
            sink.report(Check.SCHEMA, "/spec/selector", "required field is missing: selector");
        } else if (map(selector.get("matchLabels")).isEmpty() && !(selector.get("matchExpressions") instanceof List<?> l
                && !l.isEmpty())) {
            sink.report(Check.API_RULES, "/spec/selector", "selector must not be empty");
        }
        labels(selector.get("matchLabels"), "/spec/selector/matchLabels");
        if (spec.get("template") == null) {
            sink.report(Check.SCHEMA, "/spec/template", "required field is missing: template");
            return;
        }
        Map<String, Object> template = map(spec.get("template"));
        Map<String, Object> tLabels = map(map(template.get("metadata")).get("labels"));
        labels(tLabels, "/spec/template/metadata/labels");
        Map<String, Object> matchLabels = map(selector.get("matchLabels"));
        for (Map.Entry<String, Object> e : matchLabels.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(tLabels.get(e.getKey())))) {
                sink.report(Check.API_RULES, "/spec/template/metadata/labels",
                        "selector does not match template labels (" + e.getKey() + "=" + e.getValue() + ")");
                break;
            }
        }
        if (spec.get("replicas") instanceof Long r && r < 0) {
            sink.report(Check.API_RULES, "/spec/replicas", "must be greater than or equal to 0");
        }
        switch (kind) {
            case "Deployment" -> oneOf(map(spec.get("strategy")).get("type"), "/spec/strategy/type",
                    "Recreate", "RollingUpdate");
            case "DaemonSet" -> oneOf(map(spec.get("updateStrategy")).get("type"), "/spec/updateStrategy/type",
                    "RollingUpdate", "OnDelete");
            case "StatefulSet" -> {
                oneOf(map(spec.get("updateStrategy")).get("type"), "/spec/updateStrategy/type", "RollingUpdate",
                        "OnDelete");
                oneOf(spec.get("podManagementPolicy"), "/spec/podManagementPolicy", "OrderedReady", "Parallel");
                if (spec.get("volumeClaimTemplates") instanceof List<?> vcts) {
                    for (int i = 0; i < vcts.size(); i++) {
                        Map<String, Object> vct = map(vcts.get(i));
                        Object n = map(vct.get("metadata")).get("name");
                        String p = "/spec/volumeClaimTemplates/" + i;
                        if (n == null) {
                            sink.report(Check.SCHEMA, p + "/metadata/name", "required field is missing: name");
                        } else {
                            label(String.valueOf(n), p + "/metadata/name", "volume claim template name");
                        }
                        pvcSpec(map(vct.get("spec")), p + "/spec");
                    }
                }
            }
            default -> {
            }
        }
        Set<String> claims = new HashSet<>();
        for (Object vct : list(spec.get("volumeClaimTemplates"))) {
            Object n = map(map(vct).get("metadata")).get("name");
            if (n != null) {
                claims.add(String.valueOf(n));
            }
        }
        podSpec(map(template.get("spec")), "/spec/template/spec", kind, claims);
    }

    private void job(Map<String, Object> spec, String ptr) {
        if (spec.get("template") == null) {
            sink.report(Check.SCHEMA, ptr + "/template", "required field is missing: template");
            return;
        }
        Map<String, Object> template = map(spec.get("template"));
        labels(map(template.get("metadata")).get("labels"), ptr + "/template/metadata/labels");
        podSpec(map(template.get("spec")), ptr + "/template/spec", "Job", Set.of());
    }

    private void cronJob() {
        Object name = map(obj.get("metadata")).get("name");
        if (name instanceof String n && n.length() > 52) {
            sink.report(Check.API_RULES, "/metadata/name", "a CronJob name may be at most 52 characters (its Jobs add"
                    + " 11), not " + n.length());
        }
        Map<String, Object> spec = map(obj.get("spec"));
        if (spec.get("schedule") == null) {
            sink.report(Check.SCHEMA, "/spec/schedule", "required field is missing: schedule");
        }
        oneOf(spec.get("concurrencyPolicy"), "/spec/concurrencyPolicy", "Allow", "Forbid", "Replace");
        if (spec.get("jobTemplate") == null) {
            sink.report(Check.SCHEMA, "/spec/jobTemplate", "required field is missing: jobTemplate");
            return;
        }
        job(map(map(spec.get("jobTemplate")).get("spec")), "/spec/jobTemplate/spec");
    }

    // ---- pods

    /** @param claims volume names a StatefulSet's volumeClaimTemplates provide */
    private void podSpec(Map<String, Object> spec, String ptr, String owner, Set<String> claims) {
        Object restart = spec.get("restartPolicy");
        if (owner.equals("Job")) {
            if (restart == null) {
                sink.report(Check.API_RULES, ptr + "/restartPolicy",
                        "a Job's pods need restartPolicy OnFailure or Never (the default, Always, is not allowed)");
            } else {
                oneOf(restart, ptr + "/restartPolicy", "OnFailure", "Never");
            }
        } else if (WORKLOADS.contains(owner)) {
            oneOf(restart, ptr + "/restartPolicy", "Always");
        } else {
            oneOf(restart, ptr + "/restartPolicy", "Always", "OnFailure", "Never");
        }
        oneOf(spec.get("dnsPolicy"), ptr + "/dnsPolicy", "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
        Set<String> volumes = new HashSet<>(claims);
        if (spec.get("volumes") instanceof List<?> vols) {
            for (int i = 0; i < vols.size(); i++) {
                Object n = map(vols.get(i)).get("name");
                String p = ptr + "/volumes/" + i + "/name";
                if (n == null) {
                    sink.report(Check.SCHEMA, p, "required field is missing: name");
                } else if (!volumes.add(String.valueOf(n))) {
                    sink.report(Check.API_RULES, p, "duplicate volume name '" + n + "'");
                } else {
                    label(String.valueOf(n), p, "volume name");
                }
            }
        }
        if (spec.get("containers") == null) {
            sink.report(Check.SCHEMA, ptr + "/containers", "required field is missing: containers");
        } else if (spec.get("containers") instanceof List<?> cs && cs.isEmpty()) {
            sink.report(Check.API_RULES, ptr + "/containers", "at least one container is required");
        }
        Set<String> names = new HashSet<>();
        // as the API server: regular containers first, so a clash is reported on the init container
        for (String field : new String[] {"containers", "initContainers"}) {
            if (spec.get(field) instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    container(map(list.get(i)), ptr + "/" + field + "/" + i, names, volumes);
                }
            }
        }
    }

    private void container(Map<String, Object> c, String ptr, Set<String> names, Set<String> volumes) {
        Object name = c.get("name");
        if (name == null) {
            sink.report(Check.SCHEMA, ptr + "/name", "required field is missing: name");
        } else {
            label(String.valueOf(name), ptr + "/name", "container name");
            if (!names.add(String.valueOf(name))) {
                sink.report(Check.API_RULES, ptr + "/name", "duplicate container name '" + name + "'");
            }
        }
        if (c.get("image") == null || "".equals(c.get("image"))) {
            sink.report(Check.SCHEMA, ptr + "/image", "required field is missing: image");
        }
        oneOf(c.get("imagePullPolicy"), ptr + "/imagePullPolicy", "Always", "Never", "IfNotPresent");
        if (c.get("ports") instanceof List<?> ports) {
            Set<String> portNames = new HashSet<>();
            for (int i = 0; i < ports.size(); i++) {
                Map<String, Object> p = map(ports.get(i));
                String pp = ptr + "/ports/" + i;
                if (p.get("containerPort") == null) {
                    sink.report(Check.SCHEMA, pp + "/containerPort", "required field is missing: containerPort");
                } else {
                    port(p.get("containerPort"), pp + "/containerPort", 1);
                }
                if (p.get("hostPort") != null) {
                    port(p.get("hostPort"), pp + "/hostPort", 0);
                }
                oneOf(p.get("protocol"), pp + "/protocol", "TCP", "UDP", "SCTP");
                if (p.get("name") instanceof String pn) {
                    ianaName(pn, pp + "/name");
                    if (!portNames.add(pn)) {
                        sink.report(Check.API_RULES, pp + "/name", "duplicate port name '" + pn + "'");
                    }
                }
            }
        }
        if (c.get("env") instanceof List<?> env) {
            for (int i = 0; i < env.size(); i++) {
                Object n = map(env.get(i)).get("name");
                String p = ptr + "/env/" + i + "/name";
                if (n == null) {
                    sink.report(Check.SCHEMA, p, "required field is missing: name");
                } else {
                    envName(String.valueOf(n), p);
                }
            }
        }
        if (c.get("volumeMounts") instanceof List<?> mounts) {
            for (int i = 0; i < mounts.size(); i++) {
                Map<String, Object> m = map(mounts.get(i));
                String p = ptr + "/volumeMounts/" + i;
                if (m.get("name") == null) {
                    sink.report(Check.SCHEMA, p + "/name", "required field is missing: name");
                } else if (!volumes.contains(String.valueOf(m.get("name")))) {
                    sink.report(Check.API_RULES, p + "/name", "volume '" + m.get("name")
                            + "' is not declared in the pod's volumes");
                }
                if (m.get("mountPath") == null || "".equals(m.get("mountPath"))) {
                    sink.report(Check.SCHEMA, p + "/mountPath", "required field is missing: mountPath");
                }
            }
        }
        resources(map(c.get("resources")), ptr + "/resources");
    }

    private void resources(Map<String, Object> r, String ptr) {
        Map<String, Object> req = map(r.get("requests"));
        Map<String, Object> lim = map(r.get("limits"));
        for (String part : new String[] {"requests", "limits"}) {
            for (Map.Entry<String, Object> e : map(r.get(part)).entrySet()) {
                BigDecimal q = Quantities.value(e.getValue());
                if (q != null && q.signum() < 0) {
                    sink.report(Check.API_RULES, ptr + "/" + part + "/" + e.getKey(), "must be greater than or equal"
                            + " to 0, not " + e.getValue());
                    return;
                }
            }
        }
        for (Map.Entry<String, Object> e : req.entrySet()) {
            BigDecimal rq = Quantities.value(e.getValue());
            BigDecimal lm = lim.containsKey(e.getKey()) ? Quantities.value(lim.get(e.getKey())) : null;
            if (rq != null && lm != null && rq.compareTo(lm) > 0) {
                sink.report(Check.API_RULES, ptr + "/requests/" + e.getKey(), "request " + e.getValue()
                        + " must be less than or equal to the limit " + lim.get(e.getKey()));
            }
        }
    }

    private void envName(String n, String ptr) {
        boolean relaxed = version.major() > 1 || version.minor() >= 32;
        boolean ok;
        if (relaxed) {
            ok = !n.isEmpty() && n.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e && ch != '=');
        } else {
            ok = C_IDENTIFIER_ENV.matcher(n).matches();
        }
        if (!ok) {
            sink.report(Check.API_RULES, ptr, "'" + n + "' is not a valid environment variable name"
                    + (relaxed ? " (printable ASCII without '=')"
                            : " (letters, digits, '_', '-' and '.', not starting with a digit)"));
        }
    }

    private void ianaName(String n, String ptr) {
        boolean ok = n.length() <= 15 && IANA_SVC_NAME.matcher(n).matches() && !n.contains("--")
                && n.chars().anyMatch(Character::isLetter);
        if (!ok) {
            sink.report(Check.API_RULES, ptr, "port name '" + n + "' must be at most 15 lower-case letters, digits"
                    + " and '-' with at least one letter, no '--' and no '-' at either end");
        }
    }

    private void port(Object v, String ptr, int min) {
        if (v instanceof Long p && (p < min || p > 65535)) {
            sink.report(Check.API_RULES, ptr, "port " + p + " is out of range (" + Math.max(min, 1) + "-65535)");
        }
    }

    // ---- services

    private void service() {
        Map<String, Object> spec = map(obj.get("spec"));
        Object type = spec.get("type");
        oneOf(type, "/spec/type", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
        labels(spec.get("selector"), "/spec/selector");
        boolean headless = "None".equals(spec.get("clusterIP"));
        boolean external = "ExternalName".equals(type);
        if (!(spec.get("ports") instanceof List<?> ports) || ports.isEmpty()) {
            if (!headless && !external && !(spec.get("ports") != null && !(spec.get("ports") instanceof List<?>))) {
                sink.report(Check.API_RULES, "/spec/ports", "a Service needs at least one port");
            }
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            Map<String, Object> p = map(ports.get(i));
            String pp = "/spec/ports/" + i;
            if (p.get("port") == null) {
                sink.report(Check.SCHEMA, pp + "/port", "required field is missing: port");
            } else {
                port(p.get("port"), pp + "/port", 1);
            }
            oneOf(p.get("protocol"), pp + "/protocol", "TCP", "UDP", "SCTP");
            Object target = p.get("targetPort");
            if (target instanceof Long) {
                port(target, pp + "/targetPort", 1);
            } else if (target instanceof String t) {
                ianaName(t, pp + "/targetPort");
            }
            Object n = p.get("name");
            if (n instanceof String name) {
                label(name, pp + "/name", "port name");
                if (!names.add(name)) {
                    sink.report(Check.API_RULES, pp + "/name", "duplicate port name '" + name + "'");
                }
            } else if (ports.size() > 1) {
                sink.report(Check.API_RULES, pp + "/name", "a Service with several ports must name each one");
            }
        }
    }

    // ---- storage, RBAC, config, policy

    private void pvcSpec(Map<String, Object> spec, String ptr) {
        if (!(spec.get("accessModes") instanceof List<?> modes) || modes.isEmpty()) {
            sink.report(Check.API_RULES, ptr + "/accessModes", "at least one access mode is required");
        } else {
            for (int i = 0; i < modes.size(); i++) {
                oneOf(modes.get(i), ptr + "/accessModes/" + i, "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany",
                        "ReadWriteOncePod");
            }
        }
        if (map(map(spec.get("resources")).get("requests")).get("storage") == null
                && spec.get("dataSource") == null && spec.get("dataSourceRef") == null) {
            sink.report(Check.API_RULES, ptr + "/resources/requests/storage", "required field is missing: storage");
        }
    }

    private void binding() {
        Map<String, Object> ref = map(obj.get("roleRef"));
        if (obj.get("roleRef") == null) {
            sink.report(Check.SCHEMA, "/roleRef", "required field is missing: roleRef");
        } else {
            if (ref.get("name") == null) {
                sink.report(Check.SCHEMA, "/roleRef/name", "required field is missing: name");
            }
            if (kind.equals("ClusterRoleBinding")) {
                oneOf(ref.get("kind"), "/roleRef/kind", "ClusterRole");
            } else {
                oneOf(ref.get("kind"), "/roleRef/kind", "Role", "ClusterRole");
            }
        }
        if (obj.get("subjects") instanceof List<?> subjects) {
            for (int i = 0; i < subjects.size(); i++) {
                Map<String, Object> s = map(subjects.get(i));
                String p = "/subjects/" + i;
                if (s.get("kind") == null) {
                    sink.report(Check.SCHEMA, p + "/kind", "required field is missing: kind");
                } else {
                    oneOf(s.get("kind"), p + "/kind", "User", "Group", "ServiceAccount");
                }
                if (s.get("name") == null) {
                    sink.report(Check.SCHEMA, p + "/name", "required field is missing: name");
                }
            }
        }
    }

    private void rules() {
        if (obj.get("rules") instanceof List<?> rules) {
            for (int i = 0; i < rules.size(); i++) {
                Map<String, Object> r = map(rules.get(i));
                if (!(r.get("verbs") instanceof List<?> v) || v.isEmpty()) {
                    sink.report(Check.SCHEMA, "/rules/" + i + "/verbs", "required field is missing: verbs");
                }
            }
        }
    }

    private void configKeys(String field, boolean base64) {
        if (!(obj.get(field) instanceof Map<?, ?> data)) {
            return;
        }
        for (Map.Entry<?, ?> e : data.entrySet()) {
            String k = String.valueOf(e.getKey());
            String p = "/" + field + "/" + k.replace("~", "~0").replace("/", "~1");
            if (k.length() > 253 || !CONFIG_KEY.matcher(k).matches()) {
                sink.report(Check.API_RULES, p, "key '" + k + "' must be letters, digits, '-', '_' and '.'");
            }
            if (base64 && e.getValue() instanceof String v && !isBase64(v)) {
                sink.report(Check.SCHEMA, p, "data values must be base64 (use stringData for plain text)");
            }
        }
    }

    private static boolean isBase64(String v) {
        try {
            java.util.Base64.getDecoder().decode(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void ingress() {
        if (!"networking.k8s.io/v1".equals(obj.get("apiVersion"))) {
            return;
        }
        List<Object> rules = list(map(obj.get("spec")).get("rules"));
        for (int i = 0; i < rules.size(); i++) {
            List<Object> paths = list(map(map(rules.get(i)).get("http")).get("paths"));
            for (int j = 0; j < paths.size(); j++) {
                Map<String, Object> path = map(paths.get(j));
                String p = "/spec/rules/" + i + "/http/paths/" + j;
                if (path.get("pathType") == null) {
                    sink.report(Check.SCHEMA, p + "/pathType", "required field is missing: pathType");
                } else {
                    oneOf(path.get("pathType"), p + "/pathType", "Exact", "Prefix", "ImplementationSpecific");
                }
                if (path.get("backend") == null) {
                    sink.report(Check.SCHEMA, p + "/backend", "required field is missing: backend");
                }
            }
        }
    }

    private void pdb() {
        Map<String, Object> spec = map(obj.get("spec"));
        if (spec.get("minAvailable") != null && spec.get("maxUnavailable") != null) {
            sink.report(Check.API_RULES, "/spec/maxUnavailable", "minAvailable and maxUnavailable cannot both be set");
        }
        labels(map(spec.get("selector")).get("matchLabels"), "/spec/selector/matchLabels");
    }

    // ---- helpers

    private void oneOf(Object v, String ptr, String... allowed) {
        if (v == null) {
            return;
        }
        for (String a : allowed) {
            if (a.equals(v)) {
                return;
            }
        }
        sink.report(Check.API_RULES, ptr, "unsupported value '" + v + "': must be one of " + String.join(", ", allowed));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : new LinkedHashMap<>();
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }
}
