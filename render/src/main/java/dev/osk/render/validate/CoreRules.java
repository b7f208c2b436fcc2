package dev.osk.render.validate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Core (v1) kinds other than Pod: Service, PersistentVolumeClaim, ConfigMap, Secret, Namespace and Endpoints.
 * ValidateService, ValidatePersistentVolumeClaimSpec, ValidateConfigMap, ValidateSecret, ValidateNamespace,
 * ValidateEndpoints in pkg/apis/core/validation/validation.go.
 */
final class CoreRules {
    /** IsStandardFinalizerName (pkg/apis/core/helper): the finalizers a name without a prefix may be. */
    private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

    private CoreRules() {
    }

    /**
     * ValidateService: type, clusterIP, selector, ports (named when several, no two with the same port and
     * protocol), protocols, target ports.
     */
    static void service(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        Object type = spec.get("type");
        sink.oneOfDefaulted(type, "/spec/type", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
        ObjectMetaRules.labels(spec.get("selector"), "/spec/selector", sink);
        boolean headless = "None".equals(spec.get("clusterIP"));
        // validateServiceClusterIPsRelatedFields: clusterIP (copied into clusterIPs[0]) is an IP, None or empty
        if (spec.get("clusterIP") instanceof String ip && !ip.isEmpty() && !headless && !"ExternalName".equals(type)
                && !IpAddresses.isIp(ip)) {
            sink.report(Check.API_RULES, "/spec/clusterIP", "clusterIP '" + ip + "' must be a valid IP address"
                    + " (e.g. 10.9.8.7 or 2001:db8::ffff), None or empty");
        }
        boolean external = "ExternalName".equals(type);
        if (external) {
            // ValidateService: the CNAME (a trailing dot allowed) is required and a DNS-1123 subdomain
            String cname = spec.get("externalName") instanceof String s ? s.replaceFirst("\\.$", "") : "";
            if (cname.isEmpty()) {
                sink.report(Check.SCHEMA, "/spec/externalName", "required field is missing: externalName"
                        + " (a Service of type ExternalName needs it)");
            } else {
                Names.subdomain(cname, "/spec/externalName", "externalName", sink);
            }
        }
        if (!(spec.get("ports") instanceof List<?> ports) || ports.isEmpty()) {
            if (!headless && !external && !(spec.get("ports") != null && !(spec.get("ports") instanceof List<?>))) {
                sink.report(Check.API_RULES, "/spec/ports", "a Service needs at least one port");
            }
            return;
        }
        Set<String> names = new HashSet<>();
        Map<String, Integer> portAndProtocol = new HashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            Map<String, Object> p = ApiRules.map(ports.get(i));
            String pp = "/spec/ports/" + i;
            if (p.get("port") == null) {
                sink.report(Check.SCHEMA, pp + "/port", "required field is missing: port");
            } else {
                PodRules.port(p.get("port"), pp + "/port", 1, sink);
            }
            sink.oneOfDefaulted(p.get("protocol"), pp + "/protocol", "TCP", "UDP", "SCTP");
            // SetDefaults_Service (core/v1): a targetPort of 0 or "" becomes the port
            Object target = p.get("targetPort");
            if (target instanceof Long t && t != 0) {
                PodRules.port(target, pp + "/targetPort", 1, sink);
            } else if (target instanceof String t && !t.isEmpty()) {
                Names.ianaPortName(t, pp + "/targetPort", sink);
            }
            Object n = p.get("name");
            if (n instanceof String name && !name.isEmpty()) {
                Names.label(name, pp + "/name", "port name", sink);
                if (!names.add(name)) {
                    sink.report(Check.API_RULES, pp + "/name", "duplicate port name '" + name + "'");
                }
            } else if (ports.size() > 1) {
                sink.report(Check.API_RULES, pp + "/name", "a Service with several ports must name each one");
            }
            if (p.get("port") instanceof Long port) {
                Object protocol = p.get("protocol");
                String key = port + "/" + (protocol == null || "".equals(protocol) ? "TCP" : protocol);
                Integer first = portAndProtocol.putIfAbsent(key, i);
                if (first != null) {
                    sink.report(Check.API_RULES, pp, "duplicate port " + key + ": port " + first
                            + " has the same port and protocol");
                }
            }
        }
    }

    /**
     * ValidatePersistentVolumeClaimSpec: access modes, a storage request greater than zero (unless it comes from
     * a data source), the storage class name a DNS-1123 subdomain, volumeMode Block or Filesystem.
     */
    static void pvcSpec(Map<String, Object> spec, String ptr, ApiRules.Sink sink) {
        if (!(spec.get("accessModes") instanceof List<?> modes) || modes.isEmpty()) {
            sink.report(Check.API_RULES, ptr + "/accessModes", "at least one access mode is required");
        } else {
            for (int i = 0; i < modes.size(); i++) {
                sink.oneOf(modes.get(i), ptr + "/accessModes/" + i, "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany",
                        "ReadWriteOncePod");
            }
        }
        Object storage = ApiRules.map(ApiRules.map(spec.get("resources")).get("requests")).get("storage");
        if (storage == null && spec.get("dataSource") == null && spec.get("dataSourceRef") == null) {
            sink.report(Check.API_RULES, ptr + "/resources/requests/storage", "required field is missing: storage");
        } else if (storage != null && Quantities.value(storage) != null && Quantities.value(storage).signum() <= 0) {
            sink.report(Check.API_RULES, ptr + "/resources/requests/storage", "storage request " + storage
                    + " must be greater than zero");
        }
        if (spec.get("storageClassName") instanceof String cls && !cls.isEmpty()) {
            Names.subdomain(cls, ptr + "/storageClassName", "storageClassName", sink);
        }
        sink.oneOf(spec.get("volumeMode"), ptr + "/volumeMode", "Block", "Filesystem");
    }

    /** ValidateConfigMap: keys (IsConfigMapKey). */
    static void configMap(Map<String, Object> obj, ApiRules.Sink sink) {
        configKeys(obj, "data", false, sink);
    }

    /** ValidateSecret: keys (IsConfigMapKey) of data and stringData, data base64. */
    static void secret(Map<String, Object> obj, ApiRules.Sink sink) {
        configKeys(obj, "data", true, sink);
        configKeys(obj, "stringData", false, sink);
    }

    private static void configKeys(Map<String, Object> obj, String field, boolean base64, ApiRules.Sink sink) {
        if (!(obj.get(field) instanceof Map<?, ?> data)) {
            return;
        }
        for (Map.Entry<?, ?> e : data.entrySet()) {
            String k = String.valueOf(e.getKey());
            String p = "/" + field + "/" + Names.pointerToken(k);
            configKey(k, p, sink);
            if (base64 && e.getValue() instanceof String v && !GoBase64.isValid(v)) {
                sink.report(Check.SCHEMA, p, "data values must be base64 (use stringData for plain text)");
            }
        }
    }

    /**
     * IsConfigMapKey (apimachinery util/validation): at most 253 letters, digits, '-', '_' and '.', and not '.',
     * '..' or anything starting with '..' (hasChDirPrefix: the kubelet's atomic writer owns those names).
     */
    static void configKey(String k, String ptr, ApiRules.Sink sink) {
        if (k.length() > 253 || !Names.CONFIG_KEY.matcher(k).matches()) {
            sink.report(Check.API_RULES, ptr, "key '" + k + "' must be letters, digits, '-', '_' and '.'");
        } else if (k.equals(".") || k.equals("..")) {
            sink.report(Check.API_RULES, ptr, "key must not be '" + k + "'");
        } else if (k.startsWith("..")) {
            sink.report(Check.API_RULES, ptr, "key '" + k + "' must not start with '..'");
        }
    }


    /**
     * ValidateNamespace: each spec.finalizers entry a qualified name (ValidateFinalizerName), and one without a
     * '/' a standard finalizer (validateKubeFinalizerName: kubernetes, orphan, foregroundDeletion).
     */
    static void namespace(Map<String, Object> obj, ApiRules.Sink sink) {
        List<Object> finalizers = ApiRules.list(ApiRules.map(obj.get("spec")).get("finalizers"));
        for (int i = 0; i < finalizers.size(); i++) {
            String f = String.valueOf(finalizers.get(i));
            String p = "/spec/finalizers/" + i;
            if (ObjectMetaRules.qualifiedKey(f, p, "finalizer", sink) && !f.contains("/")
                    && !STANDARD_FINALIZERS.contains(f)) {
                sink.report(Check.API_RULES, p, "finalizer '" + f + "' is neither a standard finalizer name nor"
                        + " fully qualified");
            }
        }
    }

    /**
     * ValidateEndpoints, validateEndpointSubsets: each subset with addresses or notReadyAddresses, each address
     * (validateEndpointAddress) an IP that is not unspecified, loopback or link-local (validateNonSpecialIP) with
     * a DNS-1123 label hostname and a DNS-1123 subdomain nodeName, each port (validateEndpointPort) named when
     * there are several, its name a DNS-1123 label, its number 1-65535, its protocol TCP, UDP or SCTP (TCP when
     * empty, SetDefaults_EndpointPort).
     */
    static void endpoints(Map<String, Object> obj, ApiRules.Sink sink) {
        List<Object> subsets = ApiRules.list(obj.get("subsets"));
        for (int i = 0; i < subsets.size(); i++) {
            Map<String, Object> ss = ApiRules.map(subsets.get(i));
            String p = "/subsets/" + i;
            if (ApiRules.list(ss.get("addresses")).isEmpty() && ApiRules.list(ss.get("notReadyAddresses")).isEmpty()) {
                sink.report(Check.API_RULES, p, "must specify `addresses` or `notReadyAddresses`");
            }
            for (String field : new String[] {"addresses", "notReadyAddresses"}) {
                List<Object> addrs = ApiRules.list(ss.get(field));
                for (int j = 0; j < addrs.size(); j++) {
                    endpointAddress(ApiRules.map(addrs.get(j)), p + "/" + field + "/" + j, sink);
                }
            }
            List<Object> ports = ApiRules.list(ss.get("ports"));
            for (int j = 0; j < ports.size(); j++) {
                Map<String, Object> port = ApiRules.map(ports.get(j));
                String pp = p + "/ports/" + j;
                Object name = port.get("name");
                if (ports.size() > 1 && (name == null || "".equals(name))) {
                    sink.report(Check.API_RULES, pp + "/name", "a name is required when there are several ports");
                } else if (name instanceof String n && !n.isEmpty()) {
                    Names.label(n, pp + "/name", "port name", sink);
                }
                if (port.get("port") instanceof Long n && (n < 1 || n > 65535)) {
                    sink.report(Check.API_RULES, pp + "/port", "port " + n + " must be between 1 and 65535, inclusive");
                }
                sink.oneOfDefaulted(port.get("protocol"), pp + "/protocol", "SCTP", "TCP", "UDP");
            }
        }
    }

    private static void endpointAddress(Map<String, Object> a, String ptr, ApiRules.Sink sink) {
        String ip = String.valueOf(a.get("ip"));
        byte[] b = IpAddresses.parse(ip);
        if (b == null) {
            sink.report(Check.API_RULES, ptr + "/ip", "'" + ip + "' must be a valid IP address");
        } else if (specialIp(b)) {
            sink.report(Check.API_RULES, ptr + "/ip", "'" + ip + "' may not be unspecified, loopback or link-local");
        }
        if (a.get("hostname") instanceof String h && !h.isEmpty()) {
            Names.label(h, ptr + "/hostname", "hostname", sink);
        }
        if (a.get("nodeName") instanceof String n) {
            Names.subdomain(n, ptr + "/nodeName", "nodeName", sink);
        }
    }

    /** validateNonSpecialIP: unspecified, loopback, link-local unicast or link-local multicast. */
    private static boolean specialIp(byte[] b) {
        if (b.length == 16 && b[10] == (byte) 0xff && b[11] == (byte) 0xff && java.util.Arrays.equals(b, 0, 10,
                new byte[10], 0, 10)) {
            b = java.util.Arrays.copyOfRange(b, 12, 16);
        }
        if (b.length == 4) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            return b0 == 0 && b1 == 0 && b[2] == 0 && b[3] == 0 || b0 == 127 || b0 == 169 && b1 == 254
                    || b0 == 224 && b1 == 0 && b[2] == 0;
        }
        boolean zero = true;
        for (int i = 0; i < 15; i++) {
            zero &= b[i] == 0;
        }
        return zero && (b[15] == 0 || b[15] == 1) || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80
                || (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02;
    }
}
