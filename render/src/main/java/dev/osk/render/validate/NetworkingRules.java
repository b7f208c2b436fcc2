package dev.osk.render.validate;

import java.util.List;
import java.util.Map;

/** networking.k8s.io: Ingress. ValidateIngressSpec and friends in pkg/apis/networking/validation/validation.go. */
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
}
