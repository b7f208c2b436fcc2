package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pod specs, wherever they appear (Pod, workload and Job templates): restart and DNS policy, volumes,
 * containers, ports, env and resources. ValidatePodSpec and the functions it calls in
 * pkg/apis/core/validation/validation.go.
 */
final class PodRules {
    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

    private PodRules() {
    }

    /**
     * ValidatePodSpec (core validation); the owner narrows restartPolicy as ValidatePodTemplateSpecForReplicaSet
     * and friends (apps validation) and ValidateJobSpec (batch validation) do.
     *
     * @param claims volume names a StatefulSet's volumeClaimTemplates provide
     */
    static void podSpec(Map<String, Object> spec, String ptr, String owner, Set<String> claims, KubeVersion version,
            ApiRules.Sink sink) {
        Object restart = spec.get("restartPolicy");
        if (owner.equals("Job")) {
            if (restart == null) {
                sink.report(Check.API_RULES, ptr + "/restartPolicy",
                        "a Job's pods need restartPolicy OnFailure or Never (the default, Always, is not allowed)");
            } else {
                sink.oneOf(restart, ptr + "/restartPolicy", "OnFailure", "Never");
            }
        } else if (WORKLOADS.contains(owner)) {
            sink.oneOf(restart, ptr + "/restartPolicy", "Always");
        } else {
            sink.oneOf(restart, ptr + "/restartPolicy", "Always", "OnFailure", "Never");
        }
        sink.oneOf(spec.get("dnsPolicy"), ptr + "/dnsPolicy", "ClusterFirstWithHostNet", "ClusterFirst", "Default",
                "None");
        Set<String> volumes = volumes(spec, ptr, claims, sink);
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
                    container(ApiRules.map(list.get(i)), ptr + "/" + field + "/" + i, names, volumes, version, sink);
                }
            }
        }
    }

    /** ValidateVolumes (core validation): names are DNS-1123 labels, unique. Returns the names a mount may use. */
    private static Set<String> volumes(Map<String, Object> spec, String ptr, Set<String> claims, ApiRules.Sink sink) {
        Set<String> volumes = new HashSet<>(claims);
        if (spec.get("volumes") instanceof List<?> vols) {
            for (int i = 0; i < vols.size(); i++) {
                Object n = ApiRules.map(vols.get(i)).get("name");
                String p = ptr + "/volumes/" + i + "/name";
                if (n == null) {
                    sink.report(Check.SCHEMA, p, "required field is missing: name");
                } else if (!volumes.add(String.valueOf(n))) {
                    sink.report(Check.API_RULES, p, "duplicate volume name '" + n + "'");
                } else {
                    Names.label(String.valueOf(n), p, "volume name", sink);
                }
            }
        }
        return volumes;
    }

    /** validateContainers (core validation): name, image, pull policy, ports, env, mounts, resources. */
    private static void container(Map<String, Object> c, String ptr, Set<String> names, Set<String> volumes,
            KubeVersion version, ApiRules.Sink sink) {
        Object name = c.get("name");
        if (name == null) {
            sink.report(Check.SCHEMA, ptr + "/name", "required field is missing: name");
        } else {
            Names.label(String.valueOf(name), ptr + "/name", "container name", sink);
            if (!names.add(String.valueOf(name))) {
                sink.report(Check.API_RULES, ptr + "/name", "duplicate container name '" + name + "'");
            }
        }
        if (c.get("image") == null || "".equals(c.get("image"))) {
            sink.report(Check.SCHEMA, ptr + "/image", "required field is missing: image");
        }
        sink.oneOf(c.get("imagePullPolicy"), ptr + "/imagePullPolicy", "Always", "Never", "IfNotPresent");
        containerPorts(c, ptr, sink);
        if (c.get("env") instanceof List<?> env) {
            for (int i = 0; i < env.size(); i++) {
                Object n = ApiRules.map(env.get(i)).get("name");
                String p = ptr + "/env/" + i + "/name";
                if (n == null) {
                    sink.report(Check.SCHEMA, p, "required field is missing: name");
                } else {
                    envName(String.valueOf(n), p, version, sink);
                }
            }
        }
        volumeMounts(c, ptr, volumes, sink);
        resources(ApiRules.map(c.get("resources")), ptr + "/resources", sink);
    }

    /** validateContainerPorts (core validation). */
    private static void containerPorts(Map<String, Object> c, String ptr, ApiRules.Sink sink) {
        if (!(c.get("ports") instanceof List<?> ports)) {
            return;
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            Map<String, Object> p = ApiRules.map(ports.get(i));
            String pp = ptr + "/ports/" + i;
            if (p.get("containerPort") == null) {
                sink.report(Check.SCHEMA, pp + "/containerPort", "required field is missing: containerPort");
            } else {
                port(p.get("containerPort"), pp + "/containerPort", 1, sink);
            }
            if (p.get("hostPort") != null) {
                port(p.get("hostPort"), pp + "/hostPort", 0, sink);
            }
            sink.oneOf(p.get("protocol"), pp + "/protocol", "TCP", "UDP", "SCTP");
            if (p.get("name") instanceof String pn) {
                Names.ianaPortName(pn, pp + "/name", sink);
                if (!portNames.add(pn)) {
                    sink.report(Check.API_RULES, pp + "/name", "duplicate port name '" + pn + "'");
                }
            }
        }
    }

    /** ValidateVolumeMounts (core validation): each mount names a volume of the pod and has a path. */
    private static void volumeMounts(Map<String, Object> c, String ptr, Set<String> volumes, ApiRules.Sink sink) {
        if (!(c.get("volumeMounts") instanceof List<?> mounts)) {
            return;
        }
        for (int i = 0; i < mounts.size(); i++) {
            Map<String, Object> m = ApiRules.map(mounts.get(i));
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

    /** ValidateResourceRequirements (core validation): non-negative, requests not above limits. */
    private static void resources(Map<String, Object> r, String ptr, ApiRules.Sink sink) {
        Map<String, Object> req = ApiRules.map(r.get("requests"));
        Map<String, Object> lim = ApiRules.map(r.get("limits"));
        for (String part : new String[] {"requests", "limits"}) {
            for (Map.Entry<String, Object> e : ApiRules.map(r.get(part)).entrySet()) {
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

    /**
     * ValidateEnv (core validation): IsEnvVarName (C identifier-like) before 1.32, any printable ASCII but '='
     * from 1.32 (RelaxedEnvironmentVariableValidation).
     */
    private static void envName(String n, String ptr, KubeVersion version, ApiRules.Sink sink) {
        boolean relaxed = version.major() > 1 || version.minor() >= 32;
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

    /** IsValidPortNum (apimachinery util/validation), or 0-65535 for a host port (IsValidPortNum or zero). */
    static void port(Object v, String ptr, int min, ApiRules.Sink sink) {
        if (v instanceof Long p && (p < min || p > 65535)) {
            sink.report(Check.API_RULES, ptr, "port " + p + " is out of range (" + Math.max(min, 1) + "-65535)");
        }
    }
}
