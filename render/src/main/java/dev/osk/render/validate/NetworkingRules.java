package dev.osk.render.validate;

import java.util.List;
import java.util.Map;

/**
 * networking.k8s.io: Ingress and NetworkPolicy. ValidateIngressSpec, ValidateNetworkPolicySpec and friends in
 * pkg/apis/networking/validation/validation.go.
 */
final class NetworkingRules {
    private NetworkingRules() {
    }

    /** validateHTTPIngressPath (networking/v1 only): pathType required and an enum, a backend per path. */
    static void ingress(Map<String, Object> obj, ApiRules.Sink sink) {
        if (!"networking.k8s.io/v1".equals(obj.get("apiVersion"))) {
            return;
        }
        List<Object> rules = ApiRules.list(ApiRules.map(obj.get("spec")).get("rules"));
        for (int i = 0; i < rules.size(); i++) {
            List<Object> paths = ApiRules.list(ApiRules.map(ApiRules.map(rules.get(i)).get("http")).get("paths"));
            for (int j = 0; j < paths.size(); j++) {
                Map<String, Object> path = ApiRules.map(paths.get(j));
                String p = "/spec/rules/" + i + "/http/paths/" + j;
                if (path.get("pathType") == null) {
                    sink.report(Check.SCHEMA, p + "/pathType", "required field is missing: pathType");
                } else {
                    sink.oneOf(path.get("pathType"), p + "/pathType", "Exact", "Prefix", "ImplementationSpecific");
                }
                if (path.get("backend") == null) {
                    sink.report(Check.SCHEMA, p + "/backend", "required field is missing: backend");
                }
            }
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
                List<Object> peers = ApiRules.list(ApiRules.map(rules.get(i)).get(dir[1]));
                for (int j = 0; j < peers.size(); j++) {
                    peer(ApiRules.map(peers.get(j)), "/spec/" + dir[0] + "/" + i + "/" + dir[1] + "/" + j, sink);
                }
            }
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
