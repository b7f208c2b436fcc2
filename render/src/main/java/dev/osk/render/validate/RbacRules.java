package dev.osk.render.validate;

import java.util.List;
import java.util.Map;

/**
 * rbac.authorization.k8s.io: Role, ClusterRole, RoleBinding, ClusterRoleBinding. validatePolicyRule,
 * ValidateRoleBinding, ValidateClusterRoleBinding, validateRoleBindingSubject in
 * pkg/apis/rbac/validation/validation.go; the defaults they see from pkg/apis/rbac/v1/defaults.go.
 */
final class RbacRules {
    static final String GROUP = "rbac.authorization.k8s.io";

    private RbacRules() {
    }

    /**
     * ValidateRoleBinding, ValidateClusterRoleBinding: roleRef.apiGroup (rbac.authorization.k8s.io when omitted,
     * SetDefaults_RoleBinding), roleRef.kind (only ClusterRole for a ClusterRoleBinding), roleRef.name (required,
     * a path segment name); each subject.
     */
    static void binding(Map<String, Object> obj, String kind, ApiRules.Sink sink) {
        Map<String, Object> ref = ApiRules.map(obj.get("roleRef"));
        if (obj.get("roleRef") == null) {
            sink.report(Check.SCHEMA, "/roleRef", "required field is missing: roleRef");
        } else {
            Object group = ref.get("apiGroup");
            if (group != null && !"".equals(group)) {
                sink.oneOf(group, "/roleRef/apiGroup", GROUP);
            }
            if (kind.equals("ClusterRoleBinding")) {
                sink.oneOf(ref.get("kind"), "/roleRef/kind", "ClusterRole");
            } else {
                sink.oneOf(ref.get("kind"), "/roleRef/kind", "Role", "ClusterRole");
            }
            if (ref.get("name") == null) {
                sink.report(Check.SCHEMA, "/roleRef/name", "required field is missing: name");
            } else if ("".equals(ref.get("name"))) {
                sink.report(Check.API_RULES, "/roleRef/name", "roleRef name must not be empty");
            } else if (ref.get("name") instanceof String n) {
                Names.pathSegment(n, "/roleRef/name", "role name", sink);
            }
        }
        if (obj.get("subjects") instanceof List<?> subjects) {
            for (int i = 0; i < subjects.size(); i++) {
                subject(ApiRules.map(subjects.get(i)), "/subjects/" + i, kind.equals("RoleBinding"), sink);
            }
        }
    }

    /**
     * validateRoleBindingSubject: a name; a ServiceAccount's name is a DNS-1123 subdomain
     * (ValidateServiceAccountName), its apiGroup empty, and in a ClusterRoleBinding it names its namespace; a
     * User's or Group's apiGroup is rbac.authorization.k8s.io (the default, SetDefaults_Subject).
     */
    private static void subject(Map<String, Object> s, String p, boolean namespaced, ApiRules.Sink sink) {
        Object kind = s.get("kind");
        if (kind == null) {
            sink.report(Check.SCHEMA, p + "/kind", "required field is missing: kind");
        } else {
            sink.oneOf(kind, p + "/kind", "ServiceAccount", "User", "Group");
        }
        Object name = s.get("name");
        if (name == null) {
            sink.report(Check.SCHEMA, p + "/name", "required field is missing: name");
        } else if ("".equals(name)) {
            sink.report(Check.API_RULES, p + "/name", "subject name must not be empty");
        }
        Object group = s.get("apiGroup");
        boolean groupSet = group != null && !"".equals(group);
        if ("ServiceAccount".equals(kind)) {
            if (name instanceof String n && !n.isEmpty()) {
                Names.subdomain(n, p + "/name", "service account name", sink);
            }
            if (groupSet) {
                sink.report(Check.API_RULES, p + "/apiGroup", "unsupported value '" + group + "': a ServiceAccount"
                        + " subject has the empty apiGroup (the core group)");
            }
            if (!namespaced && (s.get("namespace") == null || "".equals(s.get("namespace")))) {
                sink.report(Check.API_RULES, p + "/namespace", "a ServiceAccount subject of a ClusterRoleBinding"
                        + " needs its namespace");
            }
        } else if (("User".equals(kind) || "Group".equals(kind)) && groupSet) {
            sink.oneOf(group, p + "/apiGroup", GROUP);
        }
    }

    /**
     * ValidateRole, ValidateClusterRole: each rule through validatePolicyRule. A rule needs verbs; a rule with
     * nonResourceURLs is a ClusterRole's only and names no apiGroups, resources or resourceNames; any other
     * rule needs apiGroups and resources.
     */
    static void role(Map<String, Object> obj, String kind, ApiRules.Sink sink) {
        if (kind.equals("ClusterRole") && obj.get("aggregationRule") instanceof Map<?, ?> rule) {
            aggregationRule(ApiRules.map(rule), sink);
        }
        if (!(obj.get("rules") instanceof List<?> rules)) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> r = ApiRules.map(rules.get(i));
            String p = "/rules/" + i;
            if (isEmpty(r.get("verbs"))) {
                sink.report(Check.SCHEMA, p + "/verbs", "required field is missing: verbs");
            }
            if (!isEmpty(r.get("nonResourceURLs"))) {
                if (kind.equals("Role")) {
                    sink.report(Check.API_RULES, p + "/nonResourceURLs",
                            "namespaced rules cannot apply to non-resource URLs (only a ClusterRole's can)");
                } else if (!isEmpty(r.get("apiGroups")) || !isEmpty(r.get("resources"))
                        || !isEmpty(r.get("resourceNames"))) {
                    sink.report(Check.API_RULES, p + "/nonResourceURLs",
                            "rules cannot apply to both regular resources and non-resource URLs");
                }
                continue;
            }
            if (isEmpty(r.get("apiGroups"))) {
                sink.report(Check.API_RULES, p + "/apiGroups", "resource rules must supply at least one api group"
                        + " (\"\" for the core group)");
            }
            if (isEmpty(r.get("resources"))) {
                sink.report(Check.API_RULES, p + "/resources", "resource rules must supply at least one resource");
            }
        }
    }

    private static boolean isEmpty(Object list) {
        return !(list instanceof List<?> l) || l.isEmpty();
    }

    /**
     * ValidateClusterRole's aggregationRule: at least one of clusterRoleSelectors, each a valid label selector
     * (ValidateLabelSelector) that the server can also turn into a selector (LabelSelectorAsSelector, which
     * takes only label values as the values of a requirement).
     */
    private static void aggregationRule(Map<String, Object> rule, ApiRules.Sink sink) {
        List<Object> selectors = ApiRules.list(rule.get("clusterRoleSelectors"));
        if (selectors.isEmpty()) {
            sink.report(Check.API_RULES, "/aggregationRule/clusterRoleSelectors",
                    "at least one clusterRoleSelector is required if aggregationRule is set");
        }
        for (int i = 0; i < selectors.size(); i++) {
            String p = "/aggregationRule/clusterRoleSelectors/" + i;
            LabelSelectors.selector(selectors.get(i), p, sink);
            List<Object> exprs = ApiRules.list(ApiRules.map(selectors.get(i)).get("matchExpressions"));
            for (int e = 0; e < exprs.size(); e++) {
                List<Object> values = ApiRules.list(ApiRules.map(exprs.get(e)).get("values"));
                for (int v = 0; v < values.size(); v++) {
                    if (values.get(v) instanceof String s
                            && (s.length() > 63 || !Names.LABEL_VALUE.matcher(s).matches())) {
                        sink.report(Check.API_RULES, p + "/matchExpressions/" + e + "/values/" + v, "invalid label"
                                + " selector: '" + s + "' is not a label value (at most 63 characters of letters,"
                                + " digits, '-', '_' and '.', starting and ending with a letter or digit)");
                    }
                }
            }
        }
    }
}
