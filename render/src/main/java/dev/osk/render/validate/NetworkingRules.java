package dev.osk.render.validate;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * networking.k8s.io: Ingress and NetworkPolicy. ValidateIngressSpec, ValidateNetworkPolicySpec and friends in
 * pkg/apis/networking/validation/validation.go.
 */
final class NetworkingRules {
    private NetworkingRules() {
    }

    private static final List<String> INVALID_PATH_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> INVALID_PATH_SUFFIXES = List.of("/..", "/.");
    /** httpPathFmt (apimachinery util/validation). */
    private static final Pattern HTTP_PATH = Pattern.compile("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");

    /**
     * ValidateIngressSpec for networking.k8s.io/v1 (the beta versions allowed more and are not checked): a
     * defaultBackend or rules, each rule's host (validateIngressRules), its paths (validateHTTPIngressRuleValue,
     * validateHTTPIngressPath) and backends (validateIngressBackend), the TLS hosts and secret names
     * (validateIngressTLS) and the class name.
     */
    static void ingress(Map<String, Object> obj, ApiRules.Sink sink) {
        if (!"networking.k8s.io/v1".equals(obj.get("apiVersion"))) {
            return;
        }
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        List<Object> rules = ApiRules.list(spec.get("rules"));
        if (rules.isEmpty() && spec.get("defaultBackend") == null) {
            sink.report(Check.API_RULES, "/spec", "either `defaultBackend` or `rules` must be specified");
        }
        if (spec.get("defaultBackend") instanceof Map<?, ?>) {
            backend(ApiRules.map(spec.get("defaultBackend")), "/spec/defaultBackend", sink);
        }
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> rule = ApiRules.map(rules.get(i));
            String rp = "/spec/rules/" + i;
            if (rule.get("host") instanceof String host && !host.isEmpty()) {
                if (IpAddresses.isIp(host)) {
                    sink.report(Check.API_RULES, rp + "/host", "host '" + host + "' must be a DNS name, not an IP"
                            + " address");
                }
                host(host, rp + "/host", sink);
            }
            if (!(rule.get("http") instanceof Map<?, ?>)) {
                continue;
            }
            List<Object> paths = ApiRules.list(ApiRules.map(rule.get("http")).get("paths"));
            if (paths.isEmpty()) {
                sink.report(Check.SCHEMA, rp + "/http/paths", "required field is missing: paths");
            }
            for (int j = 0; j < paths.size(); j++) {
                path(ApiRules.map(paths.get(j)), rp + "/http/paths/" + j, sink);
            }
        }
        List<Object> tls = ApiRules.list(spec.get("tls"));
        for (int i = 0; i < tls.size(); i++) {
            Map<String, Object> t = ApiRules.map(tls.get(i));
            List<Object> hosts = ApiRules.list(t.get("hosts"));
            for (int j = 0; j < hosts.size(); j++) {
                host(String.valueOf(hosts.get(j)), "/spec/tls/" + i + "/hosts/" + j, sink);
            }
            if (t.get("secretName") instanceof String secret && !secret.isEmpty()) {
                Names.subdomain(secret, "/spec/tls/" + i + "/secretName", "secretName", sink);
            }
        }
        if (spec.get("ingressClassName") instanceof String cls) {
            Names.subdomain(cls, "/spec/ingressClassName", "ingressClassName", sink);
        }
    }

    /** A host of a rule or of a TLS entry: a DNS-1123 subdomain, or with '*' a wildcard one ("*." first). */
    private static void host(String host, String ptr, ApiRules.Sink sink) {
        if (host.contains("*")) {
            String rest = host.startsWith("*.") ? host.substring(2) : "";
            if (host.length() > 253 || !Names.isSubdomain(rest)) {
                sink.report(Check.API_RULES, ptr, "host '" + host + "' must be a wildcard DNS-1123 subdomain: '*.'"
                        + " followed by a DNS-1123 subdomain");
            }
        } else {
            Names.subdomain(host, ptr, "host", sink);
        }
    }

    /** validateHTTPIngressPath: pathType required, the path by its type, then the backend. */
    private static void path(Map<String, Object> path, String p, ApiRules.Sink sink) {
        Object type = path.get("pathType");
        if (type == null) {
            sink.report(Check.SCHEMA, p + "/pathType", "required field is missing: pathType");
            return;
        }
        String value = path.get("path") instanceof String s ? s : "";
        if ("Exact".equals(type) || "Prefix".equals(type)) {
            if (!value.startsWith("/")) {
                sink.report(Check.API_RULES, p + "/path", "path '" + value + "' must be an absolute path");
            }
            for (String seq : INVALID_PATH_SEQUENCES) {
                if (value.contains(seq)) {
                    sink.report(Check.API_RULES, p + "/path", "path '" + value + "' must not contain '" + seq + "'");
                }
            }
            for (String suffix : INVALID_PATH_SUFFIXES) {
                if (value.endsWith(suffix)) {
                    sink.report(Check.API_RULES, p + "/path", "path '" + value + "' cannot end with '" + suffix + "'");
                }
            }
        } else if ("ImplementationSpecific".equals(type)) {
            if (!value.isEmpty() && !value.startsWith("/")) {
                sink.report(Check.API_RULES, p + "/path", "path '" + value + "' must be an absolute path");
            }
        } else {
            sink.oneOf(type, p + "/pathType", "Exact", "Prefix", "ImplementationSpecific");
        }
        if (path.get("backend") == null) {
            sink.report(Check.SCHEMA, p + "/backend", "required field is missing: backend");
        } else {
            backend(ApiRules.map(path.get("backend")), p + "/backend", sink);
        }
    }

    /**
     * validateIngressBackend: a resource or a service backend, not both; a service backend names a Service
     * (ValidateServiceName, a DNS-1035 label) and a port by name (IsValidPortName) or number (1-65535), one of
     * the two.
     */
    private static void backend(Map<String, Object> backend, String ptr, ApiRules.Sink sink) {
        boolean resource = backend.get("resource") instanceof Map<?, ?>;
        boolean service = backend.get("service") instanceof Map<?, ?>;
        if (resource && service) {
            sink.report(Check.API_RULES, ptr, "cannot set both resource and service backends");
            return;
        }
        if (resource) {
            typedReference(ApiRules.map(backend.get("resource")), ptr + "/resource", sink);
            return;
        }
        if (!service) {
            sink.report(Check.API_RULES, ptr, "resource or service backend is required");
            return;
        }
        Map<String, Object> svc = ApiRules.map(backend.get("service"));
        String name = svc.get("name") instanceof String s ? s : "";
        if (name.isEmpty()) {
            sink.report(Check.SCHEMA, ptr + "/service/name", "required field is missing: name");
        } else if (name.length() > 63 || !Names.DNS1035_LABEL.matcher(name).matches()) {
            sink.report(Check.API_RULES, ptr + "/service/name", "service name '" + name + "' must be a DNS-1035"
                    + " label (lower-case letters, digits and '-', starting with a letter, at most 63 characters)");
        }
        Map<String, Object> port = ApiRules.map(svc.get("port"));
        String portName = port.get("name") instanceof String s ? s : "";
        Object number = port.get("number");
        boolean hasNumber = number instanceof Long n && n != 0;
        if (!portName.isEmpty() && hasNumber) {
            sink.report(Check.API_RULES, ptr, "cannot set both port name & port number");
        } else if (!portName.isEmpty()) {
            Names.ianaPortName(portName, ptr + "/service/port/name", sink);
        } else if (hasNumber) {
            PodRules.port(number, ptr + "/service/port/number", 1, sink);
        } else if (number == null || number instanceof Long) {
            sink.report(Check.API_RULES, ptr + "/service/port", "port name or number is required");
        }
    }

    /** validateIngressTypedLocalObjectReference: apiGroup a DNS-1123 subdomain, kind and name path segments. */
    private static void typedReference(Map<String, Object> ref, String ptr, ApiRules.Sink sink) {
        if (ref.get("apiGroup") instanceof String group) {
            Names.subdomain(group, ptr + "/apiGroup", "apiGroup", sink);
        }
        for (String field : new String[] {"kind", "name"}) {
            String v = ref.get(field) instanceof String s ? s : "";
            if (v.isEmpty()) {
                sink.report(Check.SCHEMA, ptr + "/" + field, "required field is missing: " + field);
            } else {
                Names.pathSegment(v, ptr + "/" + field, field, sink);
            }
        }
    }

    /**
     * validateIngressClassSpec: the controller is a domain-prefixed path (IsDomainPrefixedPath) of at most 250
     * characters; parameters a typed reference.
     */
    static void ingressClass(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        String controller = spec.get("controller") instanceof String s ? s : "";
        String p = "/spec/controller";
        if (controller.isEmpty()) {
            sink.report(Check.SCHEMA, p, "required field is missing: controller");
        } else if (controller.length() > 250) {
            sink.report(Check.API_RULES, p, "controller must have at most 250 characters");
        } else {
            int slash = controller.indexOf('/');
            String host = slash < 0 ? "" : controller.substring(0, slash);
            String rest = slash < 0 ? "" : controller.substring(slash + 1);
            if (host.isEmpty() || rest.isEmpty()) {
                sink.report(Check.API_RULES, p, "controller '" + controller + "' must be a domain-prefixed path"
                        + " (such as \"acme.io/foo\")");
            } else {
                Names.subdomain(host, p, "controller domain", sink);
                if (!HTTP_PATH.matcher(rest).matches()) {
                    sink.report(Check.API_RULES, p, "controller path '" + rest + "' must be letters, digits and"
                            + " /-._~%!$&'()*+,;=:");
                }
            }
        }
        if (spec.get("parameters") instanceof Map<?, ?>) {
            typedReference(ApiRules.map(spec.get("parameters")), "/spec/parameters", sink);
        }
    }

    /**
     * ValidateNetworkPolicySpec: the pod selector, and each peer of the ingress and egress rules
     * (ValidateNetworkPolicyPeer): at least one of podSelector, namespaceSelector and ipBlock, ipBlock alone;
     * the selectors as label selectors; ValidateIPBlock.
     */
    static void networkPolicy(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        LabelSelectors.selector(spec.get("podSelector"), "/spec/podSelector", sink);
        for (String[] dir : new String[][] {{"ingress", "from"}, {"egress", "to"}}) {
            List<Object> rules = ApiRules.list(spec.get(dir[0]));
            for (int i = 0; i < rules.size(); i++) {
                List<Object> ports = ApiRules.list(ApiRules.map(rules.get(i)).get("ports"));
                for (int j = 0; j < ports.size(); j++) {
                    policyPort(ApiRules.map(ports.get(j)), "/spec/" + dir[0] + "/" + i + "/ports/" + j, sink);
                }
                List<Object> peers = ApiRules.list(ApiRules.map(rules.get(i)).get(dir[1]));
                for (int j = 0; j < peers.size(); j++) {
                    peer(ApiRules.map(peers.get(j)), "/spec/" + dir[0] + "/" + i + "/" + dir[1] + "/" + j, sink);
                }
            }
        }
        List<Object> types = ApiRules.list(spec.get("policyTypes"));
        if (types.size() > 2) {
            sink.report(Check.API_RULES, "/spec/policyTypes", "may not specify more than two policyTypes");
        } else {
            for (int i = 0; i < types.size(); i++) {
                sink.oneOf(types.get(i), "/spec/policyTypes/" + i, "Ingress", "Egress");
            }
        }
    }

    /** ValidateNetworkPolicyPort: protocol TCP, UDP or SCTP when given; port a number 1-65535 or a port name. */
    private static void policyPort(Map<String, Object> port, String ptr, ApiRules.Sink sink) {
        sink.oneOf(port.get("protocol"), ptr + "/protocol", "TCP", "UDP", "SCTP");
        Object p = port.get("port");
        if (p instanceof String name) {
            if (name.isEmpty()) {
                sink.report(Check.API_RULES, ptr + "/port", "port name must not be empty");
            } else {
                Names.ianaPortName(name, ptr + "/port", sink);
            }
        } else if (p != null) {
            PodRules.port(p, ptr + "/port", 1, sink);
        }
    }

    private static void peer(Map<String, Object> peer, String ptr, ApiRules.Sink sink) {
        int kinds = 0;
        for (String selector : new String[] {"podSelector", "namespaceSelector"}) {
            if (peer.get(selector) instanceof Map<?, ?>) {
                kinds++;
                LabelSelectors.selector(peer.get(selector), ptr + "/" + selector, sink);
            }
        }
        if (peer.get("ipBlock") instanceof Map<?, ?>) {
            if (kinds > 0) {
                sink.report(Check.API_RULES, ptr, "may not specify both ipBlock and another peer");
            }
            kinds++;
            ipBlock(ApiRules.map(peer.get("ipBlock")), ptr + "/ipBlock", sink);
        }
        if (kinds == 0) {
            sink.report(Check.API_RULES, ptr, "must specify a peer: podSelector, namespaceSelector or ipBlock");
        }
    }

    /** ValidateIPBlock: cidr is a CIDR, each of except a CIDR strictly inside it. */
    private static void ipBlock(Map<String, Object> block, String ptr, ApiRules.Sink sink) {
        Object cidr = block.get("cidr");
        if (cidr == null || "".equals(cidr)) {
            sink.report(Check.SCHEMA, ptr + "/cidr", "required field is missing: cidr");
            return;
        }
        IpAddresses.Network net = IpAddresses.cidr(String.valueOf(cidr));
        if (net == null) {
            sink.report(Check.API_RULES, ptr + "/cidr", "'" + cidr + "' is not a valid CIDR");
            return;
        }
        List<Object> except = ApiRules.list(block.get("except"));
        for (int i = 0; i < except.size(); i++) {
            String e = String.valueOf(except.get(i));
            IpAddresses.Network inner = IpAddresses.cidr(e);
            if (inner == null) {
                sink.report(Check.API_RULES, ptr + "/except/" + i, "'" + e + "' is not a valid CIDR");
                return;
            }
            if (!net.strictlyContains(inner)) {
                sink.report(Check.API_RULES, ptr + "/except/" + i, "'" + e + "' must be a strict subset of `cidr` "
                        + cidr);
            }
        }
    }
}
