package dev.osk.render.validate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration and MutatingWebhookConfiguration:
 * validateValidatingWebhookConfiguration, validateMutatingWebhookConfiguration and the functions they call in
 * pkg/apis/admissionregistration/validation/validation.go, with ValidateWebhookURL and ValidateWebhookService of
 * staging/src/k8s.io/apiserver/pkg/util/webhook/validation.go. The server's defaulting (SetDefaults_* of
 * pkg/apis/admissionregistration/v1) fills an absent failurePolicy, matchPolicy, scope, timeoutSeconds, port and
 * reinvocationPolicy before validation; a value that is given, even "", is checked.
 */
final class AdmissionRules {
    private static final String[] OPERATIONS = {"*", "CONNECT", "CREATE", "DELETE", "UPDATE"};
    private static final String[] REVIEW_VERSIONS = {"v1", "v1beta1"};

    private AdmissionRules() {
    }

    /**
     * validateValidatingWebhookConfiguration and validateMutatingWebhookConfiguration (with requireNoSideEffects,
     * requireRecognizedAdmissionReviewVersion and requireUniqueWebhookNames, as a create through v1 has them):
     * each webhook valid, its admissionReviewVersions valid, no name twice.
     */
    static void webhookConfiguration(Map<String, Object> obj, boolean mutating, ApiRules.Sink sink) {
        List<Object> hooks = ApiRules.list(obj.get("webhooks"));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < hooks.size(); i++) {
            Map<String, Object> hook = ApiRules.map(hooks.get(i));
            String p = "/webhooks/" + i;
            webhook(hook, mutating, p, sink);
            admissionReviewVersions(hook.get("admissionReviewVersions"), p + "/admissionReviewVersions", sink);
            if (hook.get("name") instanceof String n && !n.isEmpty() && !names.add(n)) {
                sink.report(Check.API_RULES, p + "/name", "duplicate webhook name '" + n + "'");
            }
        }
    }

    /**
     * validateValidatingWebhook and validateMutatingWebhook: a fully qualified name, valid rules, failurePolicy,
     * matchPolicy, sideEffects None or NoneOnDryRun, timeoutSeconds from 1 to 30, valid selectors, reinvocationPolicy
     * (mutating), and exactly one of clientConfig's url and service.
     */
    private static void webhook(Map<String, Object> hook, boolean mutating, String ptr, ApiRules.Sink sink) {
        fullyQualifiedName(hook.get("name"), ptr + "/name", sink);
        List<Object> rules = ApiRules.list(hook.get("rules"));
        for (int i = 0; i < rules.size(); i++) {
            rule(ApiRules.map(rules.get(i)), ptr + "/rules/" + i, sink);
        }
        sink.oneOf(hook.get("failurePolicy"), ptr + "/failurePolicy", "Fail", "Ignore");
        sink.oneOf(hook.get("matchPolicy"), ptr + "/matchPolicy", "Equivalent", "Exact");
        sink.oneOf(hook.get("sideEffects"), ptr + "/sideEffects", "None", "NoneOnDryRun");
        if (hook.get("timeoutSeconds") instanceof Long t && (t < 1 || t > 30)) {
            sink.report(Check.API_RULES, ptr + "/timeoutSeconds", "the timeout value must be between 1 and 30 seconds,"
                    + " not " + t);
        }
        LabelSelectors.selector(hook.get("namespaceSelector"), ptr + "/namespaceSelector", sink);
        LabelSelectors.selector(hook.get("objectSelector"), ptr + "/objectSelector", sink);
        if (mutating) {
            sink.oneOf(hook.get("reinvocationPolicy"), ptr + "/reinvocationPolicy", "Never", "IfNeeded");
        }
        Map<String, Object> cc = ApiRules.map(hook.get("clientConfig"));
        String cp = ptr + "/clientConfig";
        if ((cc.get("url") == null) == (cc.get("service") == null)) {
            sink.report(Check.API_RULES, cp, "exactly one of url or service is required");
        } else if (cc.get("url") instanceof String url) {
            webhookUrl(url, cp + "/url", sink);
        } else if (cc.get("service") instanceof Map<?, ?>) {
            webhookService(ApiRules.map(cc.get("service")), cp + "/service", sink);
        }
        if (cc.get("caBundle") instanceof String ca && !GoBase64.isValid(ca)) {
            sink.report(Check.SCHEMA, cp + "/caBundle", "caBundle must be base64");
        }
    }

    /**
     * IsFullyQualifiedName (apimachinery util/validation/field path checks): required, a DNS-1123 subdomain of at
     * least three dot-separated segments.
     */
    private static void fullyQualifiedName(Object name, String ptr, ApiRules.Sink sink) {
        if (!(name instanceof String n)) {
            return;
        }
        if (n.isEmpty()) {
            sink.report(Check.API_RULES, ptr, "webhook name is required");
        } else if (!Names.isSubdomain(n)) {
            Names.subdomain(n, ptr, "webhook name", sink);
        } else if (n.split("\\.", -1).length < 3) {
            sink.report(Check.API_RULES, ptr, "webhook name '" + n + "' should be a domain with at least three"
                    + " segments separated by dots");
        }
    }

    /**
     * validateRuleWithOperations and validateRule (subresources allowed): operations, apiGroups, apiVersions and
     * resources each required, '*' alone in its list, no empty version or resource, operations and scope from
     * their lists.
     */
    private static void rule(Map<String, Object> rule, String ptr, ApiRules.Sink sink) {
        List<Object> ops = ApiRules.list(rule.get("operations"));
        if (ops.isEmpty()) {
            sink.report(Check.API_RULES, ptr + "/operations", "at least one operation is required");
        } else if (ops.size() > 1 && ops.contains("*")) {
            sink.report(Check.API_RULES, ptr + "/operations", "if '*' is present, must not specify other operations");
        }
        for (int i = 0; i < ops.size(); i++) {
            sink.oneOf(ops.get(i), ptr + "/operations/" + i, OPERATIONS);
        }
        for (String field : new String[] {"apiGroups", "apiVersions"}) {
            List<Object> values = ApiRules.list(rule.get(field));
            if (values.isEmpty()) {
                sink.report(Check.API_RULES, ptr + "/" + field, "at least one entry is required");
            } else if (values.size() > 1 && values.contains("*")) {
                sink.report(Check.API_RULES, ptr + "/" + field, "if '*' is present, must not specify others");
            }
            for (int i = 0; field.equals("apiVersions") && i < values.size(); i++) {
                if ("".equals(values.get(i))) {
                    sink.report(Check.API_RULES, ptr + "/apiVersions/" + i, "an API version must not be empty");
                }
            }
        }
        resources(ApiRules.list(rule.get("resources")), ptr + "/resources", sink);
        sink.oneOf(rule.get("scope"), ptr + "/scope", "*", "Cluster", "Namespaced");
    }

    /**
     * validateResources: required, no empty entry; 'r/*' excludes other subresources of r, '*&#47;s' other
     * resources' s, '*&#47;*' everything else, '*' every resource without a subresource.
     */
    private static void resources(List<Object> resources, String ptr, ApiRules.Sink sink) {
        if (resources.isEmpty()) {
            sink.report(Check.API_RULES, ptr, "at least one resource is required");
        }
        Set<String> wildcardSub = new HashSet<>();
        Set<String> wildcardRes = new HashSet<>();
        boolean doubleWildcard = false;
        boolean singleWildcard = false;
        boolean withoutSub = false;
        for (int i = 0; i < resources.size(); i++) {
            String r = String.valueOf(resources.get(i));
            String p = ptr + "/" + i;
            if (r.isEmpty()) {
                sink.report(Check.API_RULES, p, "a resource must not be empty");
                continue;
            }
            doubleWildcard |= r.equals("*/*");
            singleWildcard |= r.equals("*");
            int slash = r.indexOf('/');
            if (slash < 0) {
                withoutSub = !r.equals("*");
                continue;
            }
            String res = r.substring(0, slash);
            String sub = r.substring(slash + 1);
            if (wildcardSub.contains(res)) {
                sink.report(Check.API_RULES, p, "if '" + res + "/*' is present, must not specify " + r);
            }
            if (wildcardRes.contains(sub)) {
                sink.report(Check.API_RULES, p, "if '*/" + sub + "' is present, must not specify " + r);
            }
            if (sub.equals("*")) {
                wildcardSub.add(res);
            }
            if (res.equals("*")) {
                wildcardRes.add(sub);
            }
        }
        if (resources.size() > 1 && doubleWildcard) {
            sink.report(Check.API_RULES, ptr, "if '*/*' is present, must not specify other resources");
        }
        if (singleWildcard && withoutSub) {
            sink.report(Check.API_RULES, ptr, "if '*' is present, must not specify other resources without"
                    + " subresources");
        }
    }

    /**
     * validateAdmissionReviewVersions: at least one, each a DNS-1035 label given once, one of them a version the
     * server knows (v1, v1beta1). Some later releases also take v1alpha1 there; which ones is not certain from the
     * source at hand, so every version is checked as 1.20 checks it.
     */
    private static void admissionReviewVersions(Object raw, String ptr, ApiRules.Sink sink) {
        if (raw == null) {
            return;
        }
        List<Object> versions = ApiRules.list(raw);
        if (versions.isEmpty()) {
            sink.report(Check.API_RULES, ptr, "must specify one of v1, v1beta1");
            return;
        }
        Set<String> seen = new HashSet<>();
        boolean known = false;
        for (int i = 0; i < versions.size(); i++) {
            String v = String.valueOf(versions.get(i));
            String p = ptr + "/" + i;
            if (!seen.add(v)) {
                sink.report(Check.API_RULES, p, "duplicate version '" + v + "'");
                continue;
            }
            if (v.length() > 63 || !Names.DNS1035_LABEL.matcher(v).matches()) {
                sink.report(Check.API_RULES, p, "version '" + v + "' must be a DNS-1035 label");
            }
            known |= List.of(REVIEW_VERSIONS).contains(v);
        }
        if (!known) {
            sink.report(Check.API_RULES, ptr, "must include at least one of v1, v1beta1");
        }
    }

    /**
     * ValidateWebhookURL (apiserver util/webhook, https forced): a URL with scheme https and a host, without user
     * information, fragment or query.
     */
    private static void webhookUrl(String url, String ptr, ApiRules.Sink sink) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            sink.report(Check.API_RULES, ptr, "url must be a valid URL: " + e.getReason());
            return;
        }
        String problem = !"https".equals(u.getScheme()) ? "'https' is the only allowed URL scheme"
                : u.getRawAuthority() == null || u.getRawAuthority().isEmpty() ? "host must be specified"
                : u.getRawUserInfo() != null ? "user information is not permitted in the URL"
                : u.getRawFragment() != null ? "fragments are not permitted in the URL"
                : u.getRawQuery() != null ? "query parameters are not permitted in the URL" : null;
        if (problem != null) {
            sink.report(Check.API_RULES, ptr, "url '" + url + "': " + problem
                    + "; desired format: https://host[/path]");
        }
    }

    /**
     * ValidateWebhookService (apiserver util/webhook): name and namespace required, port from 1 to 65535 (443
     * when absent), a path that starts with '/' and whose segments are DNS-1123 subdomains.
     */
    private static void webhookService(Map<String, Object> svc, String ptr, ApiRules.Sink sink) {
        for (String field : new String[] {"name", "namespace"}) {
            if ("".equals(svc.get(field))) {
                sink.report(Check.API_RULES, ptr + "/" + field, "service " + field + " is required");
            }
        }
        if (svc.get("port") instanceof Long port && (port < 1 || port > 65535)) {
            sink.report(Check.API_RULES, ptr + "/port", "port " + port + " must be between 1 and 65535, inclusive");
        }
        if (!(svc.get("path") instanceof String path) || path.isEmpty() || path.equals("/")) {
            return;
        }
        String p = ptr + "/path";
        if (path.equals("//")) {
            sink.report(Check.API_RULES, p, "path '//': segment[0] may not be empty");
            return;
        }
        if (!path.startsWith("/")) {
            sink.report(Check.API_RULES, p, "path '" + path + "' must start with a '/'");
        }
        String rest = path.substring(1);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] steps = rest.split("/", -1);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].isEmpty()) {
                sink.report(Check.API_RULES, p, "path '" + path + "': segment[" + i + "] may not be empty");
            } else if (!Names.isSubdomain(steps[i])) {
                sink.report(Check.API_RULES, p, "path '" + path + "': segment[" + i + "] must be a DNS-1123"
                        + " subdomain");
            }
        }
    }
}
