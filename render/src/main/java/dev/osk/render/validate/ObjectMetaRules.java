package dev.osk.render.validate;

import dev.osk.render.manifest.KindOrder;
import java.util.Map;
import java.util.Set;

/**
 * metadata of every object: name (its format depends on the kind), namespace, labels and annotations.
 * ValidateObjectMeta and friends in staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go, label
 * checks in staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go.
 */
final class ObjectMetaRules {
    /**
     * Kinds whose validation leaves the name to the generic registry's check, path segment names
     * (apimachinery IsValidPathSegmentName): RBAC's ValidateRBACName, ValidatePodDisruptionBudget, which does
     * not check metadata, ValidateCertificateRequestName (certificates), which accepts any name, and
     * ValidateAPIService (kube-aggregator), whose name must rather be version.group ("v1." for the legacy group).
     */
    private static final Set<String> PATH_SEGMENT_KINDS = Set.of("Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "PodDisruptionBudget", "CertificateSigningRequest", "APIService");

    private ObjectMetaRules() {
    }

    /** ValidateObjectMeta (apimachinery api/validation/objectmeta.go) of a built-in kind. */
    static void metadata(Map<String, Object> obj, String kind, ApiRules.Sink sink) {
        metadata(obj, kind, KindOrder.isClusterScoped(kind), sink);
    }

    /**
     * ValidateObjectMeta (apimachinery api/validation/objectmeta.go). The namespace of a cluster-scoped object is
     * not checked: kubectl sends none for such a kind and the server clears any it is given, so
     * {@code metadata.namespace} is ignored, whatever it holds.
     */
    static void metadata(Map<String, Object> obj, String kind, boolean clusterScoped, ApiRules.Sink sink) {
        metadata(obj, n -> objectName(n, kind, "/metadata/name", sink), clusterScoped, sink);
    }

    /**
     * The generic registry's ValidateObjectMetaAccessor (rest.BeforeCreate) alone, for a namespaced kind whose own
     * validation checks no metadata: the name a path segment (core v1 and events.k8s.io/v1beta1 Events).
     */
    static void metadataWithPathSegmentName(Map<String, Object> obj, ApiRules.Sink sink) {
        metadata(obj, n -> Names.pathSegment(n, "/metadata/name", "name", sink), false, sink);
    }

    private static void metadata(Map<String, Object> obj, java.util.function.Consumer<String> nameRule,
            boolean clusterScoped, ApiRules.Sink sink) {
        Map<String, Object> md = ApiRules.map(obj.get("metadata"));
        Object name = md.get("name");
        if (name == null || "".equals(name)) {
            if (md.get("generateName") == null) {
                sink.report(Check.SCHEMA, "/metadata/name", "required field is missing: name or generateName");
            }
        } else if (name instanceof String n) {
            nameRule.accept(n);
        }
        if (!clusterScoped && md.get("namespace") instanceof String ns) {
            Names.label(ns, "/metadata/namespace", "namespace", sink);
        }
        labels(md.get("labels"), "/metadata/labels", sink);
        annotations(md.get("annotations"), "/metadata/annotations", sink);
    }

    /**
     * The name validator each kind registers: ValidateRBACName (pkg/apis/rbac/validation, path segment names;
     * PodDisruptionBudget the same, the generic check),
     * ValidateServiceName (DNS-1035 label), ValidateNamespaceName (DNS-1123 label), NameIsDNSSubdomain for the
     * rest (pkg/apis/core/validation/validation.go).
     */
    private static void objectName(String n, String kind, String ptr, ApiRules.Sink sink) {
        if (PATH_SEGMENT_KINDS.contains(kind)) {
            Names.pathSegment(n, ptr, "name", sink);
        } else if (kind.equals("Service")) {
            if (n.length() > 63 || !Names.DNS1035_LABEL.matcher(n).matches()) {
                sink.report(Check.API_RULES, ptr, "name '" + n + "' must be a DNS-1035 label (lower-case letters,"
                        + " digits and '-', starting with a letter, at most 63 characters)");
            }
        } else if (kind.equals("Namespace")) {
            Names.label(n, ptr, "name", sink);
        } else {
            Names.subdomain(n, ptr, "name", sink);
        }
    }

    /** ValidateLabels (apimachinery apis/meta/v1/validation): qualified-name keys, label values. */
    static void labels(Object raw, String ptr, ApiRules.Sink sink) {
        if (!(raw instanceof Map<?, ?> m)) {
            return;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            String p = ptr + "/" + Names.pointerToken(key);
            qualifiedKey(key, p, "label key", sink);
            if (e.getValue() instanceof String v && (v.length() > 63 || !Names.LABEL_VALUE.matcher(v).matches())) {
                sink.report(Check.API_RULES, p, "label value '" + v + "' must be at most 63 characters of letters,"
                        + " digits, '-', '_' and '.', starting and ending with a letter or digit");
            }
        }
    }

    /** ValidateAnnotations (apimachinery api/validation/objectmeta.go): qualified-name keys, 256 KiB in all. */
    static void annotations(Object raw, String ptr, ApiRules.Sink sink) {
        if (!(raw instanceof Map<?, ?> m)) {
            return;
        }
        long size = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            qualifiedKey(key, ptr + "/" + Names.pointerToken(key), "annotation key", sink);
            size += key.length() + String.valueOf(e.getValue()).length();
        }
        if (size > 256 * 1024) {
            sink.report(Check.API_RULES, ptr, "annotations total " + size + " bytes, more than the 262144 allowed");
        }
    }

    /**
     * Keys found to be qualified names: a render checks the same few label and annotation keys on every object
     * (app, component, release_group, ...), each by two regular expressions otherwise.
     */
    private static final java.util.Set<String> QUALIFIED_KEYS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * IsQualifiedName (apimachinery util/validation): optional DNS-1123 subdomain prefix, then a name part.
     * Returns whether the key is one.
     */
    static boolean qualifiedKey(String key, String ptr, String what, ApiRules.Sink sink) {
        if (QUALIFIED_KEYS.contains(key)) {
            return true;
        }
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || !Names.isSubdomain(prefix)) {
                sink.report(Check.API_RULES, ptr, what + " '" + key + "': prefix must be a DNS-1123 subdomain");
                return false;
            }
        }
        if (name.isEmpty() || name.length() > 63 || !Names.QUALIFIED_NAME.matcher(name).matches()) {
            sink.report(Check.API_RULES, ptr, what + " '" + key + "': name part must be at most 63 characters of"
                    + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
            return false;
        }
        if (QUALIFIED_KEYS.size() < 4096) {
            QUALIFIED_KEYS.add(key);
        }
        return true;
    }
}
