package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pod specs, wherever they appear (Pod, workload and Job templates): restart and DNS policy, node selector,
 * security context ids, volumes, containers, ports, mounts, probes and lifecycle hooks; scheduling
 * (SchedulingRules), env (EnvRules) and resources (ResourceRules) have their own classes. ValidatePodSpec and
 * the functions it calls in pkg/apis/core/validation/validation.go.
 */
final class PodRules {
    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");
    /** The volume sources in the order validateVolumeSource counts them (image, from 1.31, last). */
    private static final List<String> VOLUME_SOURCES = List.of("emptyDir", "hostPath", "gitRepo", "gcePersistentDisk",
            "awsElasticBlockStore", "secret", "nfs", "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd",
            "cinder", "cephfs", "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile",
            "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected",
            "scaleIO", "csi", "ephemeral", "image");
    /** validateHandler's handlers of a probe (grpc from 1.24) and of a lifecycle hook (sleep from 1.29). */
    private static final List<String> PROBE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");
    private static final List<String> LIFECYCLE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "sleep");
    /** supportedHostPathTypes (core validation); "" is HostPathUnset. */
    private static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory",
            "DirectoryOrCreate", "File", "FileOrCreate", "Socket");
    private static final String FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";

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
        // SetDefaults_PodSpec (core/v1) makes an empty restartPolicy Always before validation
        Object restart = "".equals(spec.get("restartPolicy")) ? null : spec.get("restartPolicy");
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
        sink.oneOfDefaulted(spec.get("dnsPolicy"), ptr + "/dnsPolicy", "ClusterFirstWithHostNet", "ClusterFirst", "Default",
                "None");
        ObjectMetaRules.labels(spec.get("nodeSelector"), ptr + "/nodeSelector", sink);
        SchedulingRules.tolerations(spec.get("tolerations"), ptr + "/tolerations", sink);
        SchedulingRules.affinity(spec.get("affinity"), ptr + "/affinity", sink);
        SchedulingRules.topologySpreadConstraints(spec.get("topologySpreadConstraints"),
                ptr + "/topologySpreadConstraints", sink);
        securityContext(ApiRules.map(spec.get("securityContext")), ptr + "/securityContext", sink);
        if (spec.get("serviceAccountName") instanceof String sa && !sa.isEmpty()) {
            Names.subdomain(sa, ptr + "/serviceAccountName", "serviceAccountName", sink);
        }
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
                    String cp = ptr + "/" + field + "/" + i;
                    container(ApiRules.map(list.get(i)), cp, names, volumes, version, sink);
                    if (field.equals("containers") && Boolean.TRUE.equals(spec.get("hostNetwork"))) {
                        hostNetworkPorts(ApiRules.map(list.get(i)), cp, sink);
                    }
                    if (field.equals("initContainers")) {
                        initContainer(ApiRules.map(list.get(i)), cp, version, sink);
                    }
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
                volumeSource(ApiRules.map(vols.get(i)), ptr + "/volumes/" + i, sink);
            }
        }
        return volumes;
    }

    /**
     * validateVolumeSource (core validation): at most one volume source, the later one reported in the order
     * the server counts them (none at all is defaulted to emptyDir, SetDefaults_Volume).
     */
    private static void volumeSource(Map<String, Object> vol, String ptr, ApiRules.Sink sink) {
        String first = null;
        for (String source : VOLUME_SOURCES) {
            if (vol.get(source) != null) {
                if (first != null) {
                    sink.report(Check.API_RULES, ptr + "/" + source, "may not specify more than 1 volume type ("
                            + first + " and " + source + ")");
                    return;
                }
                first = source;
            }
        }
        Map<String, Object> secret = ApiRules.map(vol.get("secret"));
        if (vol.get("secret") instanceof Map<?, ?>) {
            // validateSecretVolumeSource
            required(secret.get("secretName"), ptr + "/secret/secretName", "secretName", sink);
            fileMode(secret.get("defaultMode"), ptr + "/secret/defaultMode", sink);
        }
        if (vol.get("configMap") instanceof Map<?, ?>) {
            // validateConfigMapVolumeSource
            Map<String, Object> cm = ApiRules.map(vol.get("configMap"));
            required(cm.get("name"), ptr + "/configMap/name", "name", sink);
            fileMode(cm.get("defaultMode"), ptr + "/configMap/defaultMode", sink);
        }
        if (vol.get("persistentVolumeClaim") instanceof Map<?, ?>) {
            // validatePersistentClaimVolumeSource
            required(ApiRules.map(vol.get("persistentVolumeClaim")).get("claimName"),
                    ptr + "/persistentVolumeClaim/claimName", "claimName", sink);
        }
        for (String source : new String[] {"secret", "configMap"}) {
            List<Object> items = ApiRules.list(ApiRules.map(vol.get(source)).get("items"));
            for (int i = 0; i < items.size(); i++) {
                keyToPath(ApiRules.map(items.get(i)), ptr + "/" + source + "/items/" + i, sink);
            }
        }
        for (String source : new String[] {"projected", "downwardAPI"}) {
            fileMode(ApiRules.map(vol.get(source)).get("defaultMode"), ptr + "/" + source + "/defaultMode", sink);
        }
        if (vol.get("hostPath") instanceof Map<?, ?>) {
            // validateHostPathVolumeSource, validateHostPathType
            Map<String, Object> hp = ApiRules.map(vol.get("hostPath"));
            required(hp.get("path"), ptr + "/hostPath/path", "path", sink);
            if (hp.get("path") instanceof String path && List.of(path.split("/", -1)).contains("..")) {
                sink.report(Check.API_RULES, ptr + "/hostPath/path", "path '" + path + "' must not contain '..'");
            }
            if (hp.get("type") != null) {
                sink.oneOf(hp.get("type"), ptr + "/hostPath/type", HOST_PATH_TYPES.toArray(String[]::new));
            }
        }
        // validateVolumeSource: an emptyDir's sizeLimit is not negative
        Object size = ApiRules.map(vol.get("emptyDir")).get("sizeLimit");
        if (size != null && Quantities.valid(size) && Quantities.value(size).signum() < 0) {
            sink.report(Check.API_RULES, ptr + "/emptyDir/sizeLimit", "sizeLimit " + size + " must not be negative");
        }
    }

    /**
     * validateKeyToPath: key and path required, the path relative, without '..' elements and not starting with
     * '..' (validateLocalNonReservedPath), the mode 0-0777.
     */
    private static void keyToPath(Map<String, Object> kp, String ptr, ApiRules.Sink sink) {
        required(kp.get("key"), ptr + "/key", "key", sink);
        required(kp.get("path"), ptr + "/path", "path", sink);
        if (kp.get("path") instanceof String path && !path.isEmpty()) {
            if (path.startsWith("/")) {
                sink.report(Check.API_RULES, ptr + "/path", "path '" + path + "' must be a relative path");
            }
            if (List.of(path.split("/", -1)).contains("..")) {
                sink.report(Check.API_RULES, ptr + "/path", "path '" + path + "' must not contain '..'");
            } else if (path.startsWith("..")) {
                sink.report(Check.API_RULES, ptr + "/path", "path '" + path + "' must not start with '..'");
            }
        }
        fileMode(kp.get("mode"), ptr + "/mode", sink);
    }

    /** A string field the server checks with len(...) == 0 (field.Required): absent or empty. */
    private static void required(Object v, String ptr, String field, ApiRules.Sink sink) {
        if (v == null || "".equals(v)) {
            sink.report(Check.SCHEMA, ptr, "required field is missing: " + field);
        }
    }

    /** A volume's defaultMode: 0-0777 (fileModeErrorMsg of core validation). */
    private static void fileMode(Object v, String ptr, ApiRules.Sink sink) {
        if (v instanceof Long m && (m < 0 || m > 0777)) {
            sink.report(Check.API_RULES, ptr, "defaultMode " + m + " " + FILE_MODE);
        }
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
        sink.oneOfDefaulted(c.get("imagePullPolicy"), ptr + "/imagePullPolicy", "Always", "Never", "IfNotPresent");
        sink.oneOfDefaulted(c.get("terminationMessagePolicy"), ptr + "/terminationMessagePolicy", "File",
                "FallbackToLogsOnError");
        containerPorts(c, ptr, sink);
        EnvRules.env(c.get("env"), ptr + "/env", version, sink);
        EnvRules.envFrom(c.get("envFrom"), ptr + "/envFrom", version, sink);
        volumeMounts(c, ptr, volumes, sink);
        ResourceRules.requirements(ApiRules.map(c.get("resources")), ptr + "/resources", sink);
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            if (c.get(probe) instanceof Map<?, ?>) {
                Map<String, Object> pr = ApiRules.map(c.get(probe));
                handler(pr, ptr + "/" + probe, PROBE_HANDLERS, sink);
                // validateProbe: the timings and thresholds are not negative
                for (String field : new String[] {"initialDelaySeconds", "timeoutSeconds", "periodSeconds",
                        "successThreshold", "failureThreshold"}) {
                    Amounts.nonNegative(pr.get(field), ptr + "/" + probe + "/" + field, sink);
                }
                // validateContainers: liveness and startup probes succeed once (successThreshold defaults to 1)
                if (!probe.equals("readinessProbe") && pr.get("successThreshold") instanceof Long n && n != 1) {
                    sink.report(Check.API_RULES, ptr + "/" + probe + "/successThreshold", "successThreshold " + n
                            + " must be 1 for a " + probe);
                }
            }
        }
        Map<String, Object> lifecycle = ApiRules.map(c.get("lifecycle"));
        for (String hook : new String[] {"postStart", "preStop"}) {
            if (lifecycle.get(hook) instanceof Map<?, ?>) {
                handler(ApiRules.map(lifecycle.get(hook)), ptr + "/lifecycle/" + hook, LIFECYCLE_HANDLERS, sink);
            }
        }
        securityContext(ApiRules.map(c.get("securityContext")), ptr + "/securityContext", sink);
    }

    /**
     * validateHandler (core validation), for probes (validateProbe) and lifecycle hooks (validateLifecycle):
     * exactly one handler; a second one is reported in the server's order.
     */
    private static void handler(Map<String, Object> h, String ptr, List<String> kinds, ApiRules.Sink sink) {
        String first = null;
        for (String k : kinds) {
            if (h.get(k) instanceof Map<?, ?>) {
                if (first != null) {
                    sink.report(Check.API_RULES, ptr + "/" + k, "may not specify more than 1 handler type (" + first
                            + " and " + k + ")");
                    return;
                }
                first = k;
            }
        }
        if (first == null) {
            sink.report(Check.API_RULES, ptr, "must specify a handler type: one of " + String.join(", ", kinds));
            return;
        }
        Map<String, Object> action = ApiRules.map(h.get(first));
        String ap = ptr + "/" + first;
        switch (first) {
            case "exec" -> {
                // validateExecAction
                if (!(action.get("command") instanceof List<?> cmd) || cmd.isEmpty()) {
                    sink.report(Check.SCHEMA, ap + "/command", "required field is missing: command");
                }
            }
            case "httpGet" -> {
                // validateHTTPGetAction (an empty path and scheme are defaulted: SetDefaults_HTTPGetAction)
                portNumOrName(action.get("port"), ap + "/port", sink);
                sink.oneOfDefaulted(action.get("scheme"), ap + "/scheme", "HTTP", "HTTPS");
            }
            case "tcpSocket" -> portNumOrName(action.get("port"), ap + "/port", sink); // validateTCPSocketAction
            default -> {
            }
        }
    }

    /** ValidatePortNumOrName (core validation): a port number 1-65535 or an IANA service name. */
    private static void portNumOrName(Object v, String ptr, ApiRules.Sink sink) {
        if (v == null || "".equals(v)) {
            sink.report(Check.SCHEMA, ptr, "required field is missing: port");
        } else if (v instanceof String name) {
            Names.ianaPortName(name, ptr, sink);
        } else {
            port(v, ptr, 1, sink);
        }
    }

    /**
     * ValidatePodSecurityContext and ValidateSecurityContext (core validation): runAsUser (IsValidUserID),
     * runAsGroup, fsGroup and supplementalGroups (IsValidGroupID) are 0-2147483647.
     */
    private static void securityContext(Map<String, Object> sc, String ptr, ApiRules.Sink sink) {
        ids(sc, ptr, sink);
        if (sc.get("seccompProfile") instanceof Map<?, ?>) {
            // validateSeccompProfileField, validateSeccompProfileType
            Map<String, Object> sp = ApiRules.map(sc.get("seccompProfile"));
            String p = ptr + "/seccompProfile";
            Object type = sp.get("type");
            if (type == null || "".equals(type)) {
                sink.report(Check.SCHEMA, p + "/type", "required field is missing: type (when seccompProfile is set)");
            } else {
                sink.oneOf(type, p + "/type", "Localhost", "RuntimeDefault", "Unconfined");
            }
            if ("Localhost".equals(type) && sp.get("localhostProfile") == null) {
                sink.report(Check.API_RULES, p + "/localhostProfile", "localhostProfile must be set when seccomp"
                        + " type is Localhost");
            } else if (type != null && !"Localhost".equals(type) && sp.get("localhostProfile") != null) {
                sink.report(Check.API_RULES, p + "/localhostProfile", "localhostProfile can only be set when"
                        + " seccomp type is Localhost");
            }
        }
    }

    private static void ids(Map<String, Object> sc, String ptr, ApiRules.Sink sink) {
        for (String field : new String[] {"runAsUser", "runAsGroup", "fsGroup"}) {
            id(sc.get(field), ptr + "/" + field, sink);
        }
        List<Object> groups = ApiRules.list(sc.get("supplementalGroups"));
        for (int i = 0; i < groups.size(); i++) {
            id(groups.get(i), ptr + "/supplementalGroups/" + i, sink);
        }
    }

    private static void id(Object v, String ptr, ApiRules.Sink sink) {
        if (v instanceof Long n && (n < 0 || n > Integer.MAX_VALUE)) {
            sink.report(Check.API_RULES, ptr, n + " must be between 0 and 2147483647, inclusive");
        }
    }

    /**
     * validateInitContainers (core validation): an init container runs to completion, so it has no lifecycle
     * hooks and no probes; from 1.29 (SidecarContainers, beta and on by default) a sidecar, an init container
     * with restartPolicy Always, may have them.
     */
    private static void initContainer(Map<String, Object> c, String ptr, KubeVersion version, ApiRules.Sink sink) {
        if (version.atLeast(new KubeVersion(1, 29)) && "Always".equals(c.get("restartPolicy"))) {
            return;
        }
        for (String field : new String[] {"lifecycle", "livenessProbe", "readinessProbe", "startupProbe"}) {
            if (c.get(field) != null) {
                sink.report(Check.API_RULES, ptr + "/" + field, field + " must not be set for init containers"
                        + (version.atLeast(new KubeVersion(1, 29)) ? " without restartPolicy Always" : ""));
            }
        }
    }

    /**
     * validateHostNetwork (core validation): on the host network a container port is the host port, so a
     * hostPort, when given (an absent or 0 one is defaulted to the containerPort), must equal it.
     */
    private static void hostNetworkPorts(Map<String, Object> c, String ptr, ApiRules.Sink sink) {
        List<Object> ports = ApiRules.list(c.get("ports"));
        for (int i = 0; i < ports.size(); i++) {
            Map<String, Object> p = ApiRules.map(ports.get(i));
            if (p.get("hostPort") instanceof Long host && host != 0 && p.get("containerPort") instanceof Long port
                    && !host.equals(port)) {
                sink.report(Check.API_RULES, ptr + "/ports/" + i + "/containerPort", "containerPort " + port
                        + " must match `hostPort` " + host + " when `hostNetwork` is true");
            }
        }
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
            sink.oneOfDefaulted(p.get("protocol"), pp + "/protocol", "TCP", "UDP", "SCTP");
            if (p.get("name") instanceof String pn && !pn.isEmpty()) {
                Names.ianaPortName(pn, pp + "/name", sink);
                if (!portNames.add(pn)) {
                    sink.report(Check.API_RULES, pp + "/name", "duplicate port name '" + pn + "'");
                }
            }
        }
    }

    /**
     * ValidateVolumeMounts (core validation): each mount names a volume of the pod and has a path, no two the
     * same path.
     */
    private static void volumeMounts(Map<String, Object> c, String ptr, Set<String> volumes, ApiRules.Sink sink) {
        if (!(c.get("volumeMounts") instanceof List<?> mounts)) {
            return;
        }
        Set<Object> paths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            Map<String, Object> m = ApiRules.map(mounts.get(i));
            String p = ptr + "/volumeMounts/" + i;
            if (m.get("name") == null) {
                sink.report(Check.SCHEMA, p + "/name", "required field is missing: name");
            } else if (!volumes.contains(String.valueOf(m.get("name")))) {
                sink.report(Check.API_RULES, p + "/name", "volume '" + m.get("name")
                        + "' is not declared in the pod's volumes");
            }
            Object propagation = m.get("mountPropagation");
            if (propagation != null) {
                // validateMountPropagation
                sink.oneOf(propagation, p + "/mountPropagation", "Bidirectional", "HostToContainer", "None");
                if ("Bidirectional".equals(propagation) && !Boolean.TRUE.equals(
                        ApiRules.map(c.get("securityContext")).get("privileged"))) {
                    sink.report(Check.API_RULES, p + "/mountPropagation", "Bidirectional mount propagation is"
                            + " available only to privileged containers");
                }
            }
            if (m.get("mountPath") == null || "".equals(m.get("mountPath"))) {
                sink.report(Check.SCHEMA, p + "/mountPath", "required field is missing: mountPath");
            } else if (!paths.add(m.get("mountPath"))) {
                sink.report(Check.API_RULES, p + "/mountPath", "mountPath '" + m.get("mountPath")
                        + "' must be unique: another mount of this container uses it");
            }
        }
    }

    /** IsValidPortNum (apimachinery util/validation), or 0-65535 for a host port (IsValidPortNum or zero). */
    static void port(Object v, String ptr, int min, ApiRules.Sink sink) {
        if (v instanceof Long p && (p < min || p > 65535)) {
            sink.report(Check.API_RULES, ptr, "port " + p + " is out of range (" + Math.max(min, 1) + "-65535)");
        }
    }
}
