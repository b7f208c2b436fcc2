package dev.osk.render.validate;

import java.util.List;
import java.util.Map;

/**
 * rbac.authorization.k8s.io: Role, ClusterRole, RoleBinding, ClusterRoleBinding. ValidatePolicyRule,
 * ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject in
 * pkg/apis/rbac/validation/validation.go.
 */
final class RbacRules {
    private RbacRules() {
    }

    /** ValidateRoleBinding, ValidateClusterRoleBinding: the roleRef and the subjects. */
    static void binding(Map<String, Object> obj, String kind, ApiRules.Sink sink) {
        Map<String, Object> ref = ApiRules.map(obj.get("roleRef"));
        if (obj.get("roleRef") == null) {
            sink.report(Check.SCHEMA, "/roleRef", "required field is missing: roleRef");
        } else {
            if (ref.get("name") == null) {
                sink.report(Check.SCHEMA, "/roleRef/name", "required field is missing: name");
            }
            if (kind.equals("ClusterRoleBinding")) {
                sink.oneOf(ref.get("kind"), "/roleRef/kind", "ClusterRole");
            } else {
                sink.oneOf(ref.get("kind"), "/roleRef/kind", "Role", "ClusterRole");
            }
        }
        if (obj.get("subjects") instanceof List<?> subjects) {
            for (int i = 0; i < subjects.size(); i++) {
                Map<String, Object> s = ApiRules.map(subjects.get(i));
                String p = "/subjects/" + i;
                if (s.get("kind") == null) {
                    sink.report(Check.SCHEMA, p + "/kind", "required field is missing: kind");
                } else {
                    sink.oneOf(s.get("kind"), p + "/kind", "User", "Group", "ServiceAccount");
                }
                if (s.get("name") == null) {
                    sink.report(Check.SCHEMA, p + "/name", "required field is missing: name");
                }
            }
        }
    }

    /** ValidateRole, ValidateClusterRole: each rule through ValidatePolicyRule. */
    static void role(Map<String, Object> obj, String kind, ApiRules.Sink sink) {
        if (obj.get("rules") instanceof List<?> rules) {
            for (int i = 0; i < rules.size(); i++) {
                Map<String, Object> r = ApiRules.map(rules.get(i));
                if (!(r.get("verbs") instanceof List<?> v) || v.isEmpty()) {
                    sink.report(Check.SCHEMA, "/rules/" + i + "/verbs", "required field is missing: verbs");
                }
            }
        }
    }
}
