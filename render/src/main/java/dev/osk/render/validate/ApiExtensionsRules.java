package dev.osk.render.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * apiextensions.k8s.io CustomResourceDefinition, beyond its schemas (validate/crd checks those):
 * ValidateCustomResourceDefinition and the functions it calls in apiextensions-apiserver's
 * pkg/apis/apiextensions/validation/validation.go: the name, the group, the names, the scope, the versions and
 * their printer columns and subresources.
 */
final class ApiExtensionsRules {
    private static final List<String> COLUMN_TYPES = List.of("boolean", "date", "integer", "number", "string");
    private static final List<String> COLUMN_FORMATS = List.of("int32", "int64", "float", "double", "byte", "date",
            "date-time", "password");
    /** A simple JSON path as a printer column takes it: '.' and field names, with optional [..] parts. */
    private static final Pattern SIMPLE_JSON_PATH = Pattern.compile("(\\.[^.\\[\\]{}\\s]*(\\[[^\\]]*\\])*)+");

    private ApiExtensionsRules() {
    }

    /**
     * ValidateCustomResourceDefinition: metadata.name is spec.names.plural + "." + spec.group; the group a
     * DNS-1123 subdomain of at least two labels; validateCustomResourceDefinitionNames; scope Cluster or
     * Namespaced; at least one version, each name a DNS-1035 label given once, exactly one storage version;
     * each version's additionalPrinterColumns and subresources. A v1beta1 definition may give its one version as
     * spec.version instead (its top-level printer columns and subresources are not checked here).
     */
    static void customResourceDefinition(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        Map<String, Object> names = ApiRules.map(spec.get("names"));
        String group = string(spec.get("group"));
        String plural = string(names.get("plural"));
        Object name = ApiRules.map(obj.get("metadata")).get("name");
        if (name instanceof String n && !n.isEmpty() && !n.equals(plural + "." + group)) {
            sink.report(Check.API_RULES, "/metadata/name", "name '" + n + "' must be spec.names.plural + \".\" +"
                    + " spec.group: '" + plural + "." + group + "'");
        }
        if (group.isEmpty()) {
            sink.report(Check.API_RULES, "/spec/group", "group is required");
        } else if (!Names.isSubdomain(group)) {
            Names.subdomain(group, "/spec/group", "group", sink);
        } else if (!group.contains(".")) {
            sink.report(Check.API_RULES, "/spec/group", "group '" + group
                    + "' should be a domain with at least one dot");
        }
        names(names, sink);
        Object scope = spec.get("scope");
        if (scope == null || "".equals(scope)) {
            sink.report(Check.API_RULES, "/spec/scope", "scope is required");
        } else {
            sink.oneOf(scope, "/spec/scope", "Cluster", "Namespaced");
        }
        List<Object> versions = ApiRules.list(spec.get("versions"));
        boolean v1 = "apiextensions.k8s.io/v1".equals(obj.get("apiVersion"));
        if (!v1 && versions.isEmpty() && spec.get("version") instanceof String version) {
            // a v1beta1 definition may name its one version in spec.version instead
            dns1035(version, "/spec/version", "version name", sink);
        } else {
            versions(versions, sink);
        }
    }

    /**
     * validateCustomResourceDefinitionNames: plural required and a DNS-1035 label, singular one when given, kind
     * required and listKind when given DNS-1035 labels once lower-cased (mixed case allowed) and not the same,
     * each short name and category a DNS-1035 label.
     */
    private static void names(Map<String, Object> names, ApiRules.Sink sink) {
        String plural = string(names.get("plural"));
        if (plural.isEmpty()) {
            sink.report(Check.API_RULES, "/spec/names/plural", "plural is required");
        } else {
            dns1035(plural, "/spec/names/plural", "plural", sink);
        }
        String singular = string(names.get("singular"));
        if (!singular.isEmpty()) {
            dns1035(singular, "/spec/names/singular", "singular", sink);
        }
        String kind = string(names.get("kind"));
        if (kind.isEmpty()) {
            sink.report(Check.API_RULES, "/spec/names/kind", "kind is required");
        } else {
            dns1035(kind.toLowerCase(Locale.ROOT), "/spec/names/kind", "kind (lower-cased)", sink);
        }
        String listKind = string(names.get("listKind"));
        if (!listKind.isEmpty()) {
            dns1035(listKind.toLowerCase(Locale.ROOT), "/spec/names/listKind", "listKind (lower-cased)", sink);
            if (listKind.equals(kind)) {
                sink.report(Check.API_RULES, "/spec/names/listKind", "listKind may not be the same as kind");
            }
        }
        for (String f : List.of("shortNames", "categories")) {
            List<Object> items = ApiRules.list(names.get(f));
            for (int i = 0; i < items.size(); i++) {
                dns1035(string(items.get(i)), "/spec/names/" + f + "/" + i, f.substring(0, f.length() - 1), sink);
            }
        }
    }

    private static void versions(List<Object> versions, ApiRules.Sink sink) {
        if (versions.isEmpty()) {
            sink.report(Check.API_RULES, "/spec/versions", "at least one version is required");
            return;
        }
        Set<String> seen = new HashSet<>();
        int storage = 0;
        for (int i = 0; i < versions.size(); i++) {
            Map<String, Object> v = ApiRules.map(versions.get(i));
            String p = "/spec/versions/" + i;
            String name = string(v.get("name"));
            dns1035(name, p + "/name", "version name", sink);
            if (!seen.add(name)) {
                sink.report(Check.API_RULES, p + "/name", "version '" + name + "' is listed twice");
            }
            if (Boolean.TRUE.equals(v.get("storage"))) {
                storage++;
            }
            List<Object> columns = ApiRules.list(v.get("additionalPrinterColumns"));
            for (int c = 0; c < columns.size(); c++) {
                printerColumn(ApiRules.map(columns.get(c)), p + "/additionalPrinterColumns/" + c, sink);
            }
            Map<String, Object> sub = ApiRules.map(v.get("subresources"));
            for (String f : List.of("status", "scale")) {
                if (sub.containsKey(f) && sub.get(f) != null && !(sub.get(f) instanceof Map<?, ?>)) {
                    sink.report(Check.SCHEMA, p + "/subresources/" + f, "must be an object, not " + sub.get(f));
                }
            }
        }
        if (storage != 1) {
            sink.report(Check.API_RULES, "/spec/versions", "exactly one version must be marked as the storage"
                    + " version (" + storage + " are)");
        }
    }

    /**
     * ValidateCustomResourceColumnDefinition: name required; type required and one of boolean, date, integer,
     * number, string; format, when given, one of the OpenAPI formats; jsonPath required and a simple JSON path
     * starting with '.'.
     */
    private static void printerColumn(Map<String, Object> col, String ptr, ApiRules.Sink sink) {
        if (string(col.get("name")).isEmpty()) {
            sink.report(Check.API_RULES, ptr + "/name", "a printer column's name is required");
        }
        String type = string(col.get("type"));
        if (type.isEmpty()) {
            sink.report(Check.API_RULES, ptr + "/type", "a printer column's type is required (one of "
                    + String.join(", ", COLUMN_TYPES) + ")");
        } else {
            sink.oneOf(type, ptr + "/type", COLUMN_TYPES.toArray(String[]::new));
        }
        Object format = col.get("format");
        if (format != null && !"".equals(format)) {
            sink.oneOf(format, ptr + "/format", COLUMN_FORMATS.toArray(String[]::new));
        }
        String path = string(col.get("jsonPath"));
        if (path.isEmpty()) {
            sink.report(Check.API_RULES, ptr + "/jsonPath", "a printer column's jsonPath is required");
        } else if (!SIMPLE_JSON_PATH.matcher(path).matches()) {
            sink.report(Check.API_RULES, ptr + "/jsonPath", "jsonPath '" + path + "' must be a simple JSON path"
                    + " starting with '.'");
        }
    }

    private static void dns1035(String v, String ptr, String what, ApiRules.Sink sink) {
        if (v.length() > 63 || !Names.DNS1035_LABEL.matcher(v).matches()) {
            sink.report(Check.API_RULES, ptr, what + " '" + v + "' must be a DNS-1035 label (lower-case letters,"
                    + " digits and '-', starting with a letter, at most 63 characters)");
        }
    }

    private static String string(Object o) {
        return o instanceof String s ? s : "";
    }
}
