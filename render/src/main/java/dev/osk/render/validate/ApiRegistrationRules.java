package dev.osk.render.validate;

import java.util.Map;

/**
 * apiregistration.k8s.io/v1 APIService: ValidateAPIService in kube-aggregator's pkg/apis/apiregistration/validation
 * (staging/src/k8s.io/kube-aggregator). The server's SetDefaults_ServiceReference (its v1 package) fills an absent
 * service port with 443 before validation.
 */
final class ApiRegistrationRules {
    private ApiRegistrationRules() {
    }

    /**
     * ValidateAPIService: the name is version.group ("v1." for the legacy group); only v1 may have
     * an empty group, a group is a DNS-1123 subdomain, the version a DNS-1035 label; groupPriorityMinimum from 1
     * to 20000 and versionPriority from 1 to 1000; a service needs a namespace, a name and a port from 1 to
     * 65535; without a service (a local APIService) neither insecureSkipTLSVerify nor caBundle, and never both.
     */
    static void apiService(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        String group = spec.get("group") instanceof String g ? g : "";
        String version = spec.get("version") instanceof String v ? v : "";
        Object name = ApiRules.map(obj.get("metadata")).get("name");
        String expected = version + "." + group;
        if (name instanceof String n && !n.isEmpty() && !n.equals(expected)) {
            sink.report(Check.API_RULES, "/metadata/name", "name '" + n + "' must be spec.version + \".\" +"
                    + " spec.group: '" + expected + "'");
        }
        if (group.isEmpty()) {
            if (!version.equals("v1")) {
                sink.report(Check.API_RULES, "/spec/group", "group is required (only v1 may have an empty group,"
                        + " the legacy core API)");
            }
        } else {
            Names.subdomain(group, "/spec/group", "group", sink);
        }
        if (version.length() > 63 || !Names.DNS1035_LABEL.matcher(version).matches()) {
            sink.report(Check.API_RULES, "/spec/version", "version '" + version + "' must be a DNS-1035 label"
                    + " (lower-case letters, digits and '-', starting with a letter, at most 63 characters)");
        }
        range(spec.get("groupPriorityMinimum"), 20000, "/spec/groupPriorityMinimum", sink);
        range(spec.get("versionPriority"), 1000, "/spec/versionPriority", sink);
        boolean insecure = Boolean.TRUE.equals(spec.get("insecureSkipTLSVerify"));
        boolean caBundle = spec.get("caBundle") instanceof String b && !b.isEmpty();
        if (spec.get("service") instanceof Map<?, ?> raw) {
            Map<String, Object> service = ApiRules.map(raw);
            for (String f : new String[] {"namespace", "name"}) {
                if (!(service.get(f) instanceof String s) || s.isEmpty()) {
                    sink.report(Check.API_RULES, "/spec/service/" + f, "the service's " + f + " is required");
                }
            }
            if (service.get("port") instanceof Number p && (p.longValue() < 1 || p.longValue() > 65535)) {
                sink.report(Check.API_RULES, "/spec/service/port", "port " + p + " must be between 1 and 65535");
            }
        } else {
            if (insecure) {
                sink.report(Check.API_RULES, "/spec/insecureSkipTLSVerify",
                        "a local APIService (no service) may not have insecureSkipTLSVerify");
            }
            if (caBundle) {
                sink.report(Check.API_RULES, "/spec/caBundle",
                        "a local APIService (no service) may not have a caBundle");
            }
        }
        if (insecure && caBundle) {
            sink.report(Check.API_RULES, "/spec/insecureSkipTLSVerify",
                    "may not be true if caBundle is present");
        }
    }

    private static void range(Object v, int max, String ptr, ApiRules.Sink sink) {
        if (v instanceof Number n && (n.longValue() <= 0 || n.longValue() > max)) {
            sink.report(Check.API_RULES, ptr, n + " must be positive and at most " + max);
        }
    }
}
