package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container's environment: ValidateEnv, validateEnvVarValueFrom, validateObjectFieldSelector and
 * validateContainerResourceFieldSelector in pkg/apis/core/validation/validation.go, with the field labels of
 * ConvertDownwardAPIFieldLabel (pkg/apis/core/pods/helpers.go).
 */
final class EnvRules {
    /** validEnvDownwardAPIFieldPathExpressions; status.hostIPs joins from 1.29 (PodHostIPs, beta). */
    private static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.podIP", "status.podIPs");
    /** The labels ConvertDownwardAPIFieldLabel knows that an env var may still not use. */
    private static final Set<String> OTHER_FIELD_LABELS = Set.of("metadata.annotations", "metadata.labels",
            "spec.restartPolicy", "spec.schedulerName", "status.phase");
    /** validContainerResourceFieldPathExpressions. */
    private static final Set<String> RESOURCE_FIELDS = Set.of("limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage");

    private EnvRules() {
    }

    /** ValidateEnv: each variable's name and valueFrom. */
    static void env(Object raw, String ptr, KubeVersion version, ApiRules.Sink sink) {
        List<Object> env = ApiRules.list(raw);
        for (int i = 0; i < env.size(); i++) {
            Map<String, Object> e = ApiRules.map(env.get(i));
            String p = ptr + "/" + i;
            Object n = e.get("name");
            if (n == null) {
                sink.report(Check.SCHEMA, p + "/name", "required field is missing: name");
            } else {
                name(String.valueOf(n), p + "/name", version, sink);
            }
            if (e.get("valueFrom") instanceof Map<?, ?>) {
                valueFrom(ApiRules.map(e.get("valueFrom")), e.get("value"), p + "/valueFrom", version, sink);
            }
        }
    }

    /**
     * validateEnvFrom: each source is exactly one of configMapRef and secretRef, naming its object (a DNS-1123
     * subdomain: validateConfigMapEnvSource, validateSecretEnvSource); a prefix is an env var name.
     */
    static void envFrom(Object raw, String ptr, KubeVersion version, ApiRules.Sink sink) {
        List<Object> sources = ApiRules.list(raw);
        for (int i = 0; i < sources.size(); i++) {
            Map<String, Object> ev = ApiRules.map(sources.get(i));
            String p = ptr + "/" + i;
            if (ev.get("prefix") instanceof String prefix && !prefix.isEmpty()) {
                name(prefix, p + "/prefix", version, sink);
            }
            int count = 0;
            for (String ref : new String[] {"configMapRef", "secretRef"}) {
                if (ev.get(ref) instanceof Map<?, ?>) {
                    count++;
                    Object n = ApiRules.map(ev.get(ref)).get("name");
                    if (n == null || "".equals(n)) {
                        sink.report(Check.SCHEMA, p + "/" + ref + "/name", "required field is missing: name");
                    } else {
                        Names.subdomain(String.valueOf(n), p + "/" + ref + "/name", ref + " name", sink);
                    }
                }
            }
            if (count == 0) {
                sink.report(Check.API_RULES, p, "must specify one of: `configMapRef` or `secretRef`");
            } else if (count > 1) {
                sink.report(Check.API_RULES, p, "may not have more than one field specified at a time");
            }
        }
    }

    /**
     * validateEnvVarName: IsEnvVarName (C identifier-like) before 1.32, any printable ASCII but '=' from 1.32
     * (RelaxedEnvironmentVariableValidation).
     */
    private static void name(String n, String ptr, KubeVersion version, ApiRules.Sink sink) {
        boolean relaxed = version.atLeast(new KubeVersion(1, 32));
        boolean ok;
        if (relaxed) {
            ok = !n.isEmpty() && n.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e && ch != '=');
        } else {
            ok = Names.C_IDENTIFIER_ENV.matcher(n).matches();
        }
        if (!ok) {
            sink.report(Check.API_RULES, ptr, "'" + n + "' is not a valid environment variable name"
                    + (relaxed ? " (printable ASCII without '=')"
                            : " (letters, digits, '_', '-' and '.', not starting with a digit)"));
        }
    }

    /**
     * validateEnvVarValueFrom: exactly one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef, and
     * none beside a non-empty value; each source checked.
     */
    private static void valueFrom(Map<String, Object> from, Object value, String ptr, KubeVersion version,
            ApiRules.Sink sink) {
        int sources = 0;
        if (from.get("fieldRef") instanceof Map<?, ?>) {
            sources++;
            fieldRef(ApiRules.map(from.get("fieldRef")), ptr + "/fieldRef", version, sink);
        }
        if (from.get("resourceFieldRef") instanceof Map<?, ?>) {
            sources++;
            resourceFieldRef(ApiRules.map(from.get("resourceFieldRef")), ptr + "/resourceFieldRef", version, sink);
        }
        for (String ref : new String[] {"configMapKeyRef", "secretKeyRef"}) {
            if (from.get(ref) instanceof Map<?, ?>) {
                sources++;
                // validateConfigMapKeySelector, validateSecretKeySelector: the name is a DNS-1123 subdomain
                Object refName = ApiRules.map(from.get(ref)).get("name");
                Names.subdomain(refName == null ? "" : String.valueOf(refName), ptr + "/" + ref + "/name",
                        ref + " name", sink);
                Object key = ApiRules.map(from.get(ref)).get("key");
                if (key == null || "".equals(key)) {
                    sink.report(Check.SCHEMA, ptr + "/" + ref + "/key", "required field is missing: key");
                } else {
                    CoreRules.configKey(String.valueOf(key), ptr + "/" + ref + "/key", sink);
                }
            }
        }
        if (sources == 0) {
            sink.report(Check.API_RULES, ptr, "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`"
                    + " or `secretKeyRef`");
        } else if (value instanceof String v && !v.isEmpty()) {
            sink.report(Check.API_RULES, ptr, "may not be specified when `value` is not empty");
        } else if (sources > 1) {
            sink.report(Check.API_RULES, ptr, "may not have more than one field specified at a time");
        }
    }

    /**
     * validateObjectFieldSelector for env vars: apiVersion v1 (its default), a fieldPath from
     * validEnvDownwardAPIFieldPathExpressions, or metadata.labels['KEY'] or metadata.annotations['KEY'] with a
     * qualified-name key (spec.host is read as spec.nodeName).
     */
    private static void fieldRef(Map<String, Object> ref, String ptr, KubeVersion version, ApiRules.Sink sink) {
        Object apiVersion = ref.get("apiVersion");
        if (apiVersion != null && !"".equals(apiVersion) && !"v1".equals(apiVersion)) { // "": SetDefaults_ObjectFieldSelector
            sink.report(Check.API_RULES, ptr + "/apiVersion", "unsupported pod version: " + apiVersion);
            return;
        }
        Object fp = ref.get("fieldPath");
        if (fp == null || "".equals(fp)) {
            sink.report(Check.SCHEMA, ptr + "/fieldPath", "required field is missing: fieldPath");
            return;
        }
        String path = String.valueOf(fp);
        String p = ptr + "/fieldPath";
        int open = path.indexOf("['");
        if (path.endsWith("']") && open > 0) {
            String field = path.substring(0, open);
            String subscript = path.substring(open + 2, path.length() - 2);
            if (field.equals("metadata.labels") || field.equals("metadata.annotations")) {
                ObjectMetaRules.qualifiedKey(field.equals("metadata.annotations")
                        ? subscript.toLowerCase(java.util.Locale.ROOT) : subscript, p, "key", sink);
            } else {
                sink.report(Check.API_RULES, p, "field label does not support subscript: " + path);
            }
            return;
        }
        List<String> allowed = new ArrayList<>(ENV_FIELD_PATHS);
        if (version.atLeast(new KubeVersion(1, 29))) {
            allowed.add("status.hostIPs");
        }
        if (!allowed.contains(path) && !path.equals("spec.host")) {
            sink.report(Check.API_RULES, p, (OTHER_FIELD_LABELS.contains(path) ? "unsupported value '"
                    : "field label not supported: '") + path + "': must be one of " + String.join(", ", allowed)
                    + ", metadata.labels['KEY'] or metadata.annotations['KEY']");
        }
    }

    /**
     * validateContainerResourceFieldSelector for env vars: resource is limits or requests of cpu, memory or
     * ephemeral-storage, or from 1.22 (DownwardAPIHugePages on by default) of hugepages-SIZE.
     */
    private static void resourceFieldRef(Map<String, Object> ref, String ptr, KubeVersion version,
            ApiRules.Sink sink) {
        Object r = ref.get("resource");
        if (r == null || "".equals(r)) {
            sink.report(Check.SCHEMA, ptr + "/resource", "required field is missing: resource");
            return;
        }
        String res = String.valueOf(r);
        boolean hugePages = version.atLeast(new KubeVersion(1, 22))
                && (res.startsWith("requests.hugepages-") || res.startsWith("limits.hugepages-"));
        if (!RESOURCE_FIELDS.contains(res) && !hugePages) {
            sink.report(Check.API_RULES, ptr + "/resource", "unsupported value '" + res + "': must be one of "
                    + String.join(", ", new java.util.TreeSet<>(RESOURCE_FIELDS)));
            return;
        }
        divisor(res, ref.get("divisor"), ptr + "/divisor", sink);
    }

    /**
     * validateContainerResourceDivisor: a divisor other than 0 (unset) is, in the quantity's canonical form,
     * 1m or 1 for cpu, 1, 1k..1E or 1Ki..1Ei for memory, ephemeral storage and huge pages.
     */
    private static void divisor(String resource, Object divisor, String ptr, ApiRules.Sink sink) {
        java.math.BigDecimal v = divisor == null ? null : Quantities.value(divisor);
        if (v == null || v.signum() == 0) {
            return;
        }
        String s = String.valueOf(divisor);
        boolean binary = s.matches(".*[KMGTPE]i");
        boolean exponent = s.matches(".*[0-9][eE][+-]?[0-9]+");
        boolean cpu = resource.endsWith(".cpu");
        boolean ok;
        if (v.compareTo(java.math.BigDecimal.ONE) == 0) {
            ok = true;
        } else if (exponent) {
            ok = false; // canonical form 1eN, never in the lists
        } else if (cpu) {
            ok = !binary && v.compareTo(new java.math.BigDecimal("0.001")) == 0;
        } else if (binary && v.compareTo(java.math.BigDecimal.valueOf(1024)) >= 0) {
            ok = isPower(v, 1024, 6);
        } else {
            ok = isPower(v, 1000, 6);
        }
        if (!ok) {
            sink.report(Check.API_RULES, ptr, "divisor " + divisor + ": only " + (cpu ? "1m and 1 are"
                    : "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are") + " supported with the "
                    + resource.substring(resource.indexOf('.') + 1) + " resource");
        }
    }

    private static boolean isPower(java.math.BigDecimal v, long base, int maxExponent) {
        java.math.BigDecimal p = java.math.BigDecimal.ONE;
        for (int i = 1; i <= maxExponent; i++) {
            p = p.multiply(java.math.BigDecimal.valueOf(base));
            if (v.compareTo(p) == 0) {
                return true;
            }
        }
        return false;
    }
}
